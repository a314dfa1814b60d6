using CamAgent.Core.Diagnostics;

namespace CamAgent.Core.Http
{
    /// <summary>Character classes of RFC 9110 §5.6 shared by the writer and the parser.</summary>
    public static class HttpSyntax
    {
        // ASCII upper and lower case letters differ in this bit only.
        private const int CaseBit = 0x20;
        private const int ByteValues = 256;

        /// <summary>
        /// <see cref="IsTokenChar"/> for every byte value, built once by this type's own static
        /// constructor: a parser indexes it with a received byte instead of calling per byte. Read only.
        /// </summary>
        internal static readonly bool[] TokenChars = BuildTokenChars();

        /// <summary>tchar (RFC 9110 §5.6.2).</summary>
        public static bool IsTokenChar(int c)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            {
                return true;
            }

            switch (c)
            {
                case '!': case '#': case '$': case '%': case '&': case '\'': case '*':
                case '+': case '-': case '.': case '^': case '_': case '`': case '|': case '~':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>field-vchar or SP/HTAB (RFC 9110 §5.5): anything but control bytes and DEL; obs-text allowed.</summary>
        public static bool IsFieldValueChar(int c)
        {
            return c == '\t' || (c >= ' ' && c != 0x7F);
        }

        /// <summary>OWS (RFC 9110 §5.6.3).</summary>
        public static bool IsWhitespace(int c)
        {
            return c == ' ' || c == '\t';
        }

        /// <summary>ASCII case-insensitive comparison of <paramref name="count"/> bytes with <paramref name="text"/>.</summary>
        public static bool EqualsIgnoreCase(byte[] buffer, int offset, int count, string text)
        {
            if (count != text.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                int a = buffer[offset + i];
                int b = text[i];
                if (a >= 'A' && a <= 'Z')
                {
                    a += 'a' - 'A';
                }

                if (b >= 'A' && b <= 'Z')
                {
                    b += 'a' - 'A';
                }

                if (a != b)
                {
                    WorkCounters.AddResponseStringSteps(i + 1);
                    return false;
                }
            }

            WorkCounters.AddResponseStringSteps(count);
            return true;
        }

        /// <summary>
        /// As <see cref="EqualsIgnoreCase(byte[], int, int, string)"/> against pre-encoded ASCII
        /// bytes: no string is read, so on the device each character is a few IL instructions
        /// instead of a native call.
        /// </summary>
        public static bool EqualsIgnoreCase(byte[] buffer, int offset, int count, byte[] text)
        {
            if (text == null)
            {
                throw new System.ArgumentNullException("text");
            }

            if (count != text.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                int a = buffer[offset + i];
                int b = text[i];
                if (a != b && ((a | CaseBit) != (b | CaseBit) || (a | CaseBit) < 'a' || (a | CaseBit) > 'z'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool[] BuildTokenChars()
        {
            bool[] table = new bool[ByteValues];
            for (int c = 0; c < ByteValues; c++)
            {
                table[c] = IsTokenChar(c);
            }

            return table;
        }

        /// <summary>
        /// Parses 1*DIGIT as a non-negative decimal. False on an empty field, any other byte, or a
        /// value above <paramref name="max"/> (checked before it could overflow).
        /// </summary>
        public static bool TryParseDecimal(byte[] buffer, int offset, int count, long max, out long value)
        {
            value = 0;
            if (count <= 0)
            {
                return false;
            }

            long result = 0;
            for (int i = 0; i < count; i++)
            {
                int c = buffer[offset + i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                int digit = c - '0';
                if (result > (max - digit) / 10)
                {
                    return false;
                }

                result = (result * 10) + digit;
            }

            value = result;
            return true;
        }
    }
}
