using System;

namespace CamAgent.Core.Storage
{
    /// <summary>Big-endian field access and range checks for the storage formats (docs/agent-storage.md).</summary>
    public static class Bytes
    {
        /// <summary>Throws unless [offset, offset + count) lies inside <paramref name="buffer"/>.</summary>
        public static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset");
            }
        }

        public static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 8);
            buffer[offset + 1] = (byte)value;
        }

        public static int ReadUInt16(byte[] buffer, int offset)
        {
            return (buffer[offset] << 8) | buffer[offset + 1];
        }

        public static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16)
                | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        /// <summary>Writes a signed 64-bit value as 8 big-endian bytes (two's complement).</summary>
        public static void WriteInt64(byte[] buffer, int offset, long value)
        {
            WriteUInt32(buffer, offset, (uint)(value >> 32));
            WriteUInt32(buffer, offset + 4, (uint)value);
        }

        public static long ReadInt64(byte[] buffer, int offset)
        {
            // Seeded from a signed value so the shift stays arithmetic on nanoCLR as well.
            long high = 0;
            high += (int)ReadUInt32(buffer, offset);
            long low = 0;
            low += ReadUInt32(buffer, offset + 4);
            return (high << 32) | low;
        }
    }
}
