using System;
using CamAgent.Core.Provisioning;

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
            byte[] bytes = Hex.Decode(Get(table, path), 0);
            if (bytes == null)
            {
                throw new ArgumentException("not hex (odd length or a non-hex digit) at " + path);
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
    }
}
