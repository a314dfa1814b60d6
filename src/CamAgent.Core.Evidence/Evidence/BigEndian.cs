namespace CamAgent.Core.Evidence
{
    /// <summary>Network byte order for the fixed-width integers of the digest construction.</summary>
    internal static class BigEndian
    {
        public static void WriteUInt64(byte[] buffer, int offset, ulong value)
        {
            for (int i = 0; i < 8; i++)
            {
                buffer[offset + 7 - i] = (byte)(value >> (8 * i));
            }
        }

        public static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            for (int i = 0; i < 4; i++)
            {
                buffer[offset + 3 - i] = (byte)(value >> (8 * i));
            }
        }
    }
}
