namespace Samples
{
    public static class ByteArrays
    {
        private static readonly byte[] Magic = new byte[] { 0xD2, 0x84, 0x43, 0xA1 };

        public static bool StartsWithMagic(this byte[] data)
        {
            if (data.Length < Magic.Length)
            {
                return false;
            }

            for (int i = 0; i < Magic.Length; i++)
            {
                if (data[i] != Magic[i])
                {
                    return false;
                }
            }

            return true;
        }

        public static int Sum(params int[] values)
        {
            int total = 0;
            foreach (int value in values)
            {
                total += value;
            }

            return total;
        }
    }

    public sealed class Limits
    {
        public const int ChunkSizeBytes = 16384;

        public int MaxRetries { get; init; } = 3;

        public long TimeoutMs { get; private set; }

        public int[][] Table { get; } = new int[2][];

        public byte this[int index] => (byte)(index & 0xFF);

        public void Scale(int factor)
        {
            TimeoutMs = (long)MaxRetries * factor;
            System.Array.Copy(new int[] { 1 }, 0, new int[1], 0, 1);
        }
    }
}
