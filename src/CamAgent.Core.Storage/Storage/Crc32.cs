using CamAgent.Core.Binary;
using CamAgent.Core.Diagnostics;

namespace CamAgent.Core.Storage
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, initial value and final XOR
    /// 0xFFFFFFFF; check value of "123456789" = 0xCBF43926). It detects torn and garbled writes,
    /// not tampering (see docs/agent-storage.md, "Why CRC-32").
    /// Table-driven, one byte per step, four steps per loop pass: on nanoCLR, which interprets IL
    /// one instruction at a time, a byte costs about 16 IL instructions here against 163 bit by
    /// bit, and 20 with one step per pass (docs/device-build.md, "Device CPU budget"). Slicing by
    /// four bytes would save less than one more per byte for 3 KiB more tables in a managed heap
    /// of about 79 KB: not worth it.
    /// </summary>
    public static class Crc32
    {
        /// <summary>Size of the checksum in bytes when stored.</summary>
        public const int SizeBytes = 4;

        private const uint Polynomial = 0xEDB88320;
        private const uint AllOnes = 0xFFFFFFFF;
        private const int BitsPerByte = 8;
        private const int TableEntries = 256;
        private const int BytesPerPass = 4;

        // 1 KiB, computed once by this type's own static constructor from constants only (nanoCLR
        // runs static constructors eagerly, in metadata order: nothing here reads another type).
        private static readonly uint[] Table = BuildTable();

        /// <summary>CRC-32 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            Bytes.CheckRange(data, offset, count);
            WorkCounters.AddCrc32Bytes(count);
            uint[] table = Table;
            uint crc = AllOnes;
            int i = offset;
            int passEnd = offset + count - BytesPerPass;
            while (i <= passEnd)
            {
                crc = table[(byte)crc ^ data[i]] ^ (crc >> BitsPerByte);
                crc = table[(byte)crc ^ data[i + 1]] ^ (crc >> BitsPerByte);
                crc = table[(byte)crc ^ data[i + 2]] ^ (crc >> BitsPerByte);
                crc = table[(byte)crc ^ data[i + 3]] ^ (crc >> BitsPerByte);
                i += BytesPerPass;
            }

            int end = offset + count;
            while (i < end)
            {
                crc = table[(byte)crc ^ data[i]] ^ (crc >> BitsPerByte);
                i++;
            }

            return crc ^ AllOnes;
        }

        // Entry n is the CRC register after shifting the byte n through it bit by bit.
        private static uint[] BuildTable()
        {
            uint[] table = new uint[TableEntries];
            for (uint n = 0; n < TableEntries; n++)
            {
                uint entry = n;
                for (int bit = 0; bit < BitsPerByte; bit++)
                {
                    uint mask = (uint)(0 - (int)(entry & 1));
                    entry = (entry >> 1) ^ (Polynomial & mask);
                }

                table[n] = entry;
            }

            return table;
        }
    }
}
