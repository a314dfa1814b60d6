using System;

namespace CamAgent.Core.Storage
{
    /// <summary>
    /// FAT 8.3 file names of the form HHHHHHHH.EXT whose base is a number: 8 upper-case hex digits
    /// (journal generations, device sequence numbers) or 8 decimal digits (recorder sequence
    /// numbers). Parsing is case-insensitive because FAT keeps 8.3 names in upper case but
    /// platforms may report them in either case.
    /// </summary>
    public static class StoreNames
    {
        /// <summary>Digits in the base of a numbered name.</summary>
        public const int BaseLength = 8;

        /// <summary>Length of "HHHHHHHH.EXT".</summary>
        public const int NameLength = BaseLength + 4;

        /// <summary>Largest number a hex name can carry.</summary>
        public const long MaxHexNumber = 0xFFFFFFFFL;

        /// <summary>Largest number a decimal name can carry.</summary>
        public const long MaxDecimalNumber = 99999999L;

        private const string HexDigits = "0123456789ABCDEF";

        /// <summary>Formats <paramref name="number"/> as "HHHHHHHH.EXT" (<paramref name="extension"/> without the dot).</summary>
        public static string Hex(long number, string extension)
        {
            if (number < 0 || number > MaxHexNumber)
            {
                throw new ArgumentOutOfRangeException("number");
            }

            char[] name = new char[BaseLength];
            for (int i = BaseLength - 1; i >= 0; i--)
            {
                name[i] = HexDigits[(int)(number & 0xF)];
                number >>= 4;
            }

            return new string(name) + "." + extension;
        }

        /// <summary>Formats <paramref name="number"/> as "DDDDDDDD.EXT".</summary>
        public static string Decimal(long number, string extension)
        {
            if (number < 0 || number > MaxDecimalNumber)
            {
                throw new ArgumentOutOfRangeException("number");
            }

            char[] name = new char[BaseLength];
            for (int i = BaseLength - 1; i >= 0; i--)
            {
                name[i] = (char)('0' + (int)(number % 10));
                number /= 10;
            }

            return new string(name) + "." + extension;
        }

        /// <summary>Returns the number in a hex name with extension <paramref name="extension"/>, or -1 if the name has another form.</summary>
        public static long ParseHex(string name, string extension)
        {
            if (!HasForm(name, extension))
            {
                return -1;
            }

            long value = 0;
            for (int i = 0; i < BaseLength; i++)
            {
                int digit = HexValue(name[i]);
                if (digit < 0)
                {
                    return -1;
                }

                value = (value << 4) | (long)digit;
            }

            return value;
        }

        /// <summary>Returns the number in a decimal name with extension <paramref name="extension"/>, or -1 if the name has another form.</summary>
        public static long ParseDecimal(string name, string extension)
        {
            if (!HasForm(name, extension))
            {
                return -1;
            }

            long value = 0;
            for (int i = 0; i < BaseLength; i++)
            {
                char c = name[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = value * 10 + (c - '0');
            }

            return value;
        }

        /// <summary>Joins a directory and a name with '/' ("" is the store root).</summary>
        public static string Join(string directory, string name)
        {
            return directory.Length == 0 ? name : directory + "/" + name;
        }

        private static bool HasForm(string name, string extension)
        {
            if (name == null || name.Length != NameLength || name[BaseLength] != '.')
            {
                return false;
            }

            for (int i = 0; i < 3; i++)
            {
                if (ToUpper(name[BaseLength + 1 + i]) != ToUpper(extension[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static int HexValue(char c)
        {
            char upper = ToUpper(c);
            if (upper >= '0' && upper <= '9')
            {
                return upper - '0';
            }

            if (upper >= 'A' && upper <= 'F')
            {
                return upper - 'A' + 10;
            }

            return -1;
        }

        private static char ToUpper(char c)
        {
            return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
        }
    }
}
