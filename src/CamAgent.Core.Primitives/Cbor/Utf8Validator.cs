namespace CamAgent.Core.Cbor
{
    /// <summary>
    /// Well-formed UTF-8 per RFC 3629 §4: no overlong forms, no surrogates, nothing above
    /// U+10FFFF. The platform decoders substitute U+FFFD silently, which would let two different
    /// byte strings decode to the same text, so the reader checks first.
    /// </summary>
    internal static class Utf8Validator
    {
        public static bool IsWellFormed(byte[] data, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int lead = data[i];
                if (lead < 0x80)
                {
                    i++;
                    continue;
                }

                int length;
                int min;
                int max;
                if (!DescribeLead(lead, data, i, end, out length, out min, out max))
                {
                    return false;
                }

                // The second byte's range encodes the overlong, surrogate and U+10FFFF limits.
                if (data[i + 1] < min || data[i + 1] > max)
                {
                    return false;
                }

                for (int k = 2; k < length; k++)
                {
                    if ((data[i + k] & 0xC0) != 0x80)
                    {
                        return false;
                    }
                }

                i += length;
            }

            return true;
        }

        private static bool DescribeLead(int lead, byte[] data, int i, int end, out int length, out int min, out int max)
        {
            min = 0x80;
            max = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF)
            {
                length = 2;
            }
            else if (lead >= 0xE0 && lead <= 0xEF)
            {
                length = 3;
                min = lead == 0xE0 ? 0xA0 : 0x80;
                max = lead == 0xED ? 0x9F : 0xBF;
            }
            else if (lead >= 0xF0 && lead <= 0xF4)
            {
                length = 4;
                min = lead == 0xF0 ? 0x90 : 0x80;
                max = lead == 0xF4 ? 0x8F : 0xBF;
            }
            else
            {
                length = 0;
                return false;
            }

            return length <= end - i;
        }
    }
}
