using System;

namespace CamAgent.Device.Tests.Vectors
{
    /// <summary>
    /// Lookup in a generated vector table (GoldenVectors): alternating path and value strings,
    /// paths as "cases[1].r". Hex values decode to byte arrays. A missing path is a broken
    /// generator or test, so it throws.
    /// </summary>
    public static class VectorTable
    {
        public static string Get(string[] table, string path)
        {
            for (int i = 0; i + 1 < table.Length; i += 2)
            {
                if (table[i] == path)
                {
                    return table[i + 1];
                }
            }

            throw new ArgumentException("no vector value at " + path);
        }

        public static int Count(string[] table, string arrayPath)
        {
            return int.Parse(Get(table, arrayPath + ".length"));
        }

        public static long GetLong(string[] table, string path)
        {
            return long.Parse(Get(table, path));
        }

        public static byte[] GetHex(string[] table, string path)
        {
            string hex = Get(table, path);
            if (hex.Length % 2 != 0)
            {
                throw new ArgumentException("odd hex length at " + path);
            }

            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[(2 * i) + 1]));
            }

            return bytes;
        }

        public static bool Has(string[] table, string path)
        {
            for (int i = 0; i + 1 < table.Length; i += 2)
            {
                if (table[i] == path)
                {
                    return true;
                }
            }

            return false;
        }

        private static int Nibble(char c)
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

            throw new ArgumentException("not a hex digit: " + c.ToString());
        }
    }
}
