using System;
using CamAgent.Core.Binary;

namespace CamAgent.Core.SecureElement
{
    /// <summary>
    /// The CRC-16 of ATECC packets (data sheet, "CRC Calculation"): polynomial 0x8005, initial value
    /// 0, each input byte taken least-significant bit first, no final XOR; sent low byte first.
    /// Covers the count byte through the last data byte of a command or response.
    /// </summary>
    public static class AteccCrc
    {
        private const int Polynomial = 0x8005;
        private const int TopBit = 0x8000;
        private const int Mask = 0xFFFF;
        private const int BitsPerByte = 8;

        /// <summary>CRC of <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public static int Compute(byte[] buffer, int offset, int count)
        {
            Bytes.CheckRange(buffer, offset, count);
            int crc = 0;
            for (int i = offset; i < offset + count; i++)
            {
                int value = buffer[i];
                for (int bit = 0; bit < BitsPerByte; bit++)
                {
                    int dataBit = (value >> bit) & 1;
                    int crcBit = (crc & TopBit) != 0 ? 1 : 0;
                    crc = (crc << 1) & Mask;
                    if (dataBit != crcBit)
                    {
                        crc ^= Polynomial;
                    }
                }
            }

            return crc;
        }

        /// <summary>Writes the CRC of buffer[offset..offset+count) right after it, low byte first.</summary>
        public static void Append(byte[] buffer, int offset, int count)
        {
            Bytes.CheckRange(buffer, offset, count + AteccProtocol.CrcBytes);
            int crc = Compute(buffer, offset, count);
            buffer[offset + count] = (byte)(crc & 0xFF);
            buffer[offset + count + 1] = (byte)(crc >> BitsPerByte);
        }

        /// <summary>True when the two bytes after buffer[offset..offset+count) are its CRC.</summary>
        public static bool Matches(byte[] buffer, int offset, int count)
        {
            Bytes.CheckRange(buffer, offset, count + AteccProtocol.CrcBytes);
            int crc = Compute(buffer, offset, count);
            return buffer[offset + count] == (byte)(crc & 0xFF) && buffer[offset + count + 1] == (byte)(crc >> BitsPerByte);
        }
    }
}
