using System.Text;
using System;
using CamAgent.Core.Binary;

namespace CamAgent.Core.Cbor
{
    /// <summary>
    /// Writes CBOR into a caller-supplied buffer in the core deterministic encoding
    /// (RFC 8949 §4.2.1): every argument in its shortest form, definite lengths only.
    /// Map keys must be written in ascending order of their encoded bytes; for the small
    /// unsigned-integer keys CamAgent uses that is simply ascending numeric order.
    /// The status is sticky: after <see cref="CborStatus.BufferTooSmall"/> nothing more is
    /// written, so a caller may write a whole structure and check <see cref="Status"/> once.
    /// Writing allocates nothing except for non-ASCII text strings.
    /// </summary>
    public sealed class CborWriter
    {
        private const int SimpleFalse = 20;
        private const int SimpleTrue = 21;
        private const int SimpleNull = 22;

        private byte[] _buffer;
        private int _start;
        private int _limit;
        private int _position;
        private CborStatus _status;

        /// <summary>Creates a writer over <paramref name="capacity"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public CborWriter(byte[] buffer, int offset, int capacity)
        {
            Reset(buffer, offset, capacity);
        }

        /// <summary>Ok, or BufferTooSmall once anything did not fit.</summary>
        public CborStatus Status
        {
            get { return _status; }
        }

        /// <summary>Bytes written since the last reset.</summary>
        public int Length
        {
            get { return _position - _start; }
        }

        /// <summary>Points the writer at a new region; the caller keeps ownership of the buffer.</summary>
        public void Reset(byte[] buffer, int offset, int capacity)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || capacity < 0 || offset > buffer.Length - capacity)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            _buffer = buffer;
            _start = offset;
            _limit = offset + capacity;
            _position = offset;
            _status = CborStatus.Ok;
        }

        /// <summary>Size in bytes of an item head whose argument is <paramref name="argument"/> (RFC 8949 §3).</summary>
        public static int HeadSize(ulong argument)
        {
            if (argument < 24)
            {
                return 1;
            }

            if (argument <= 0xFF)
            {
                return 2;
            }

            if (argument <= 0xFFFF)
            {
                return 3;
            }

            return argument <= 0xFFFFFFFF ? 5 : 9;
        }

        /// <summary>
        /// Writes the shortest head for <paramref name="majorType"/> and <paramref name="argument"/>
        /// at <paramref name="offset"/>; returns its size. The caller guarantees room (see <see cref="HeadSize"/>).
        /// </summary>
        public static int EncodeHead(CborMajorType majorType, ulong argument, byte[] destination, int offset)
        {
            int size = HeadSize(argument);
            if (destination == null)
            {
                throw new ArgumentNullException("destination");
            }

            if (offset < 0 || offset > destination.Length - size)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            byte major = (byte)((int)majorType << 5);
            if (size == 1)
            {
                destination[offset] = (byte)(major | (byte)argument);
                return 1;
            }

            // Additional information 24..27 announce 1, 2, 4 or 8 argument bytes.
            int argumentBytes = size - 1;
            int additional = argumentBytes == 1 ? 24 : argumentBytes == 2 ? 25 : argumentBytes == 4 ? 26 : 27;
            destination[offset] = (byte)(major | additional);
            for (int i = 0; i < argumentBytes; i++)
            {
                destination[offset + argumentBytes - i] = (byte)(argument >> (8 * i));
            }

            return size;
        }

        /// <summary>Writes an unsigned integer (major type 0).</summary>
        public void WriteUInt64(ulong value)
        {
            WriteHead(CborMajorType.UnsignedInteger, value);
        }

        /// <summary>Writes a signed integer: major type 0 when non-negative, else major type 1 with -1 - value.</summary>
        public void WriteInt64(long value)
        {
            if (value >= 0)
            {
                WriteHead(CborMajorType.UnsignedInteger, (ulong)value);
                return;
            }

            // -1 - value cannot overflow for any negative long.
            long magnitude = -1 - value;
            WriteHead(CborMajorType.NegativeInteger, (ulong)magnitude);
        }

        /// <summary>Writes <paramref name="count"/> bytes of <paramref name="data"/> as a byte string.</summary>
        public void WriteByteString(byte[] data, int offset, int count)
        {
            Bytes.CheckRange(data, offset, count);
            WriteHead(CborMajorType.ByteString, (ulong)count);
            WriteRaw(data, offset, count);
        }

        /// <summary>Writes a text string (UTF-8). ASCII strings are written without allocating.</summary>
        public void WriteTextString(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            if (!IsAscii(value))
            {
                byte[] utf8 = Encoding.UTF8.GetBytes(value);
                WriteHead(CborMajorType.TextString, (ulong)utf8.Length);
                WriteRaw(utf8, 0, utf8.Length);
                return;
            }

            WriteHead(CborMajorType.TextString, (ulong)value.Length);
            if (!Reserve(value.Length))
            {
                return;
            }

            for (int i = 0; i < value.Length; i++)
            {
                _buffer[_position++] = (byte)value[i];
            }
        }

        /// <summary>Starts an array of <paramref name="count"/> items; the caller writes them next.</summary>
        public void WriteArrayHeader(int count)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            WriteHead(CborMajorType.Array, (ulong)count);
        }

        /// <summary>Starts a map of <paramref name="count"/> key/value pairs; the caller writes them next, keys ascending.</summary>
        public void WriteMapHeader(int count)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            WriteHead(CborMajorType.Map, (ulong)count);
        }

        /// <summary>Writes true or false (simple values 21 / 20).</summary>
        public void WriteBoolean(bool value)
        {
            WriteHead(CborMajorType.SimpleOrFloat, value ? (ulong)SimpleTrue : (ulong)SimpleFalse);
        }

        /// <summary>Writes null (simple value 22).</summary>
        public void WriteNull()
        {
            WriteHead(CborMajorType.SimpleOrFloat, SimpleNull);
        }

        /// <summary>Copies already-encoded CBOR verbatim (e.g. a nested structure encoded elsewhere).</summary>
        public void WriteEncoded(byte[] data, int offset, int count)
        {
            Bytes.CheckRange(data, offset, count);
            WriteRaw(data, offset, count);
        }

        private static bool IsAscii(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] > 0x7F)
                {
                    return false;
                }
            }

            return true;
        }

        private void WriteHead(CborMajorType majorType, ulong argument)
        {
            if (Reserve(HeadSize(argument)))
            {
                _position += EncodeHead(majorType, argument, _buffer, _position);
            }
        }

        private void WriteRaw(byte[] data, int offset, int count)
        {
            if (Reserve(count))
            {
                Array.Copy(data, offset, _buffer, _position, count);
                _position += count;
            }
        }

        private bool Reserve(int count)
        {
            if (_status != CborStatus.Ok)
            {
                return false;
            }

            if (count > _limit - _position)
            {
                _status = CborStatus.BufferTooSmall;
                return false;
            }

            return true;
        }
    }
}
