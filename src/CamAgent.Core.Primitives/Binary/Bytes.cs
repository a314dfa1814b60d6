using System;

namespace CamAgent.Core.Binary
{
    /// <summary>
    /// The one home of the device libraries' buffer-range precondition and of big-endian (network
    /// order) integer access, used by every format that lays out fixed-width integers: the content
    /// digest construction (docs/evidence-format.md §4), the storage frames and journal
    /// (docs/agent-storage.md), the durable records. The SHA-256 and P-256 word loops keep their
    /// own inline conversions: on an interpreter a call per word would dominate their cost.
    /// </summary>
    public static class Bytes
    {
        /// <summary>Throws unless [offset, offset + count) lies inside <paramref name="buffer"/> (a programming error, not a status).</summary>
        public static void CheckRange(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count, "buffer");
        }

        /// <summary>As <see cref="CheckRange(byte[], int, int)"/>, naming the parameter <paramref name="name"/> in the exception.</summary>
        public static void CheckRange(byte[] buffer, int offset, int count, string name)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(name);
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(name);
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

        /// <summary>Reads an unsigned 32-bit value into a long without widening a uint (nanoCLR keeps an unsigned tag on it, NFS017).</summary>
        public static long ReadUInt32AsInt64(byte[] buffer, int offset)
        {
            long value = 0;
            for (int i = 0; i < 4; i++)
            {
                value = (value << 8) | buffer[offset + i];
            }

            return value;
        }

        public static void WriteUInt64(byte[] buffer, int offset, ulong value)
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
