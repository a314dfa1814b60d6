using System;

namespace CamAgent.Device.TestPorts.Storage
{
    /// <summary>One file of <see cref="RamFileStore"/>: its bytes, and what of them a power cut keeps.</summary>
    internal sealed class RamFile
    {
        private const int InitialCapacityBytes = 256;

        private byte[] _data = new byte[InitialCapacityBytes];

        public RamFile(string key)
        {
            Key = key;
        }

        /// <summary>The upper-case path.</summary>
        public string Key { get; set; }

        public int Length { get; private set; }

        /// <summary>The content as of the last flush; null if the file was never flushed.</summary>
        public byte[] Durable { get; set; }

        public byte this[int index]
        {
            get { return _data[index]; }
            set { _data[index] = value; }
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            if (Length + count > _data.Length)
            {
                int capacity = _data.Length;
                while (capacity < Length + count)
                {
                    capacity *= 2;
                }

                byte[] grown = new byte[capacity];
                Array.Copy(_data, grown, Length);
                _data = grown;
            }

            Array.Copy(buffer, offset, _data, Length, count);
            Length += count;
        }

        /// <summary>Keeps the first <paramref name="length"/> bytes.</summary>
        public void Truncate(int length)
        {
            Length = length;
        }

        public void CopyTo(int position, byte[] buffer, int offset, int count)
        {
            Array.Copy(_data, position, buffer, offset, count);
        }

        public byte[] ToArray()
        {
            byte[] copy = new byte[Length];
            Array.Copy(_data, copy, Length);
            return copy;
        }
    }
}
