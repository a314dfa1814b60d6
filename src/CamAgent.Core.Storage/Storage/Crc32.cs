using CamAgent.Core.Diagnostics;

namespace CamAgent.Core.Storage
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, initial value and final XOR
    /// 0xFFFFFFFF; check value of "123456789" = 0xCBF43926). Computed bit by bit: the records it
    /// protects are a few KiB and rarely written, so a 1 KiB lookup table would cost more RAM
    /// than the time it saves. It detects torn and garbled writes, not tampering (see
    /// docs/agent-storage.md, "Why CRC-32").
    /// </summary>
    public static class Crc32
    {
        /// <summary>Size of the checksum in bytes when stored.</summary>
        public const int SizeBytes = 4;

        private const uint Polynomial = 0xEDB88320;
        private const uint AllOnes = 0xFFFFFFFF;
        private const int BitsPerByte = 8;

        /// <summary>CRC-32 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            Bytes.CheckRange(data, offset, count);
            WorkCounters.AddCrc32Bytes(count);
            uint crc = AllOnes;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < BitsPerByte; bit++)
                {
                    uint mask = (uint)(0 - (int)(crc & 1));
                    crc = (crc >> 1) ^ (Polynomial & mask);
                }
            }

            return crc ^ AllOnes;
        }
    }
}
