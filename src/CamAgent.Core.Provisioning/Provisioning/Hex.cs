using System;

namespace CamAgent.Core.Provisioning
{
    /// <summary>Lower-case hexadecimal, the byte encoding of the provisioning line protocol.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";
        private const int BitsPerDigit = 4;
        private const int DigitMask = 0x0F;

        public static string Encode(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            char[] text = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                text[2 * i] = Digits[data[offset + i] >> BitsPerDigit];
                text[2 * i + 1] = Digits[data[offset + i] & DigitMask];
            }

            return new string(text);
        }

        /// <summary>Decodes text[start..]; null when the length is odd or a character is not a hex digit.</summary>
        public static byte[] Decode(string text, int start)
        {
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }

            int length = text.Length - start;
            if (start < 0 || length < 0 || length % 2 != 0)
            {
                return null;
            }

            byte[] data = new byte[length / 2];
            for (int i = 0; i < data.Length; i++)
            {
                int high = DigitValue(text[start + 2 * i]);
                int low = DigitValue(text[start + 2 * i + 1]);
                if (high < 0 || low < 0)
                {
                    return null;
                }

                data[i] = (byte)((high << BitsPerDigit) | low);
            }

            return data;
        }

        private static int DigitValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
