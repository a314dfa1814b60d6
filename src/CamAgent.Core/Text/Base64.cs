namespace CamAgent.Core.Text
{
    /// <summary>
    /// Strict base64 decoding (RFC 4648 §4, standard alphabet): length a multiple of 4, padding
    /// only at the end, no whitespace or line breaks, unused bits zero. Strictness makes the
    /// encoding of a configuration value unique, so what the agency signed is what the device
    /// reads. Failures are a false return, never an exception.
    /// </summary>
    public static class Base64
    {
        private const int InvalidSymbol = -1;
        private const int Padding = -2;

        /// <summary>
        /// Decodes <paramref name="text"/>; <paramref name="bytes"/> is null unless the result is
        /// true. Refuses inputs that would decode to more than <paramref name="maxBytes"/> bytes
        /// before allocating.
        /// </summary>
        public static bool TryDecode(string text, int maxBytes, out byte[] bytes)
        {
            bytes = null;
            if (text == null || text.Length == 0 || text.Length % 4 != 0)
            {
                return false;
            }

            int padding = 0;
            if (text[text.Length - 1] == '=')
            {
                padding = text[text.Length - 2] == '=' ? 2 : 1;
            }

            int length = text.Length / 4 * 3 - padding;
            if (length > maxBytes)
            {
                return false;
            }

            byte[] output = new byte[length];
            int written = 0;
            for (int i = 0; i < text.Length; i += 4)
            {
                bool last = i + 4 == text.Length;
                if (!DecodeQuantum(text, i, last, output, ref written))
                {
                    return false;
                }
            }

            bytes = output;
            return true;
        }

        private static bool DecodeQuantum(string text, int start, bool last, byte[] output, ref int written)
        {
            int a = Value(text[start]);
            int b = Value(text[start + 1]);
            int c = Value(text[start + 2]);
            int d = Value(text[start + 3]);
            if (a < 0 || b < 0 || c == InvalidSymbol || d == InvalidSymbol)
            {
                return false;
            }

            if (c == Padding)
            {
                // "xx==": only in the last quantum, and the 4 unused bits of b must be zero.
                if (!last || d != Padding || (b & 0x0F) != 0)
                {
                    return false;
                }

                output[written++] = (byte)((a << 2) | (b >> 4));
                return true;
            }

            if (d == Padding)
            {
                if (!last || (c & 0x03) != 0)
                {
                    return false;
                }

                output[written++] = (byte)((a << 2) | (b >> 4));
                output[written++] = (byte)(((b & 0x0F) << 4) | (c >> 2));
                return true;
            }

            output[written++] = (byte)((a << 2) | (b >> 4));
            output[written++] = (byte)(((b & 0x0F) << 4) | (c >> 2));
            output[written++] = (byte)(((c & 0x03) << 6) | d);
            return true;
        }

        private static int Value(char symbol)
        {
            if (symbol >= 'A' && symbol <= 'Z')
            {
                return symbol - 'A';
            }

            if (symbol >= 'a' && symbol <= 'z')
            {
                return symbol - 'a' + 26;
            }

            if (symbol >= '0' && symbol <= '9')
            {
                return symbol - '0' + 52;
            }

            if (symbol == '+')
            {
                return 62;
            }

            if (symbol == '/')
            {
                return 63;
            }

            return symbol == '=' ? Padding : InvalidSymbol;
        }
    }
}
