using System;

namespace CamAgent.Core.Cbor
{
    /// <summary>
    /// Strict pull reader for exactly one CBOR data item in a caller-supplied region.
    /// Accepts only the core deterministic encoding (RFC 8949 §4.2.1) of the CamAgent profile:
    /// integers, byte and text strings, arrays, maps, false, true and null. It refuses
    /// indefinite lengths, non-shortest arguments, tags, floats, other simple values, map keys
    /// out of bytewise order or repeated, container keys, invalid UTF-8, and anything beyond
    /// <see cref="CborLimits"/>. Hostile input yields a status, never an exception; the first
    /// failure is sticky. Byte strings are returned as (offset, length) into the caller's buffer,
    /// so reading allocates nothing except for text strings.
    /// </summary>
    public sealed partial class CborReader
    {
        private const int SimpleFalse = 20;
        private const int SimpleTrue = 21;
        private const int SimpleNull = 22;
        private const int AdditionalOneByte = 24;
        private const int AdditionalEightBytes = 27;
        private const int AdditionalIndefinite = 31;

        private readonly CborContainerStack _containers = new CborContainerStack();

        private byte[] _buffer;
        private int _position;
        private int _end;
        private CborStatus _status;

        // Head of the item being read.
        private CborMajorType _major;
        private ulong _argument;
        private int _itemStart;
        private bool _itemIsKey;

        /// <summary>Creates a reader; call <see cref="Reset"/> before reading.</summary>
        public CborReader()
        {
            _buffer = new byte[0];
        }

        /// <summary>Creates a reader over <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public CborReader(byte[] buffer, int offset, int count)
        {
            Reset(buffer, offset, count);
        }

        /// <summary>The first failure seen, or Ok.</summary>
        public CborStatus Status
        {
            get { return _status; }
        }

        /// <summary>Offset in the buffer of the next unread byte.</summary>
        public int Position
        {
            get { return _position; }
        }

        /// <summary>Nesting depth of the next item: 0 at the top level.</summary>
        public int Depth
        {
            get { return _containers.Depth; }
        }

        /// <summary>Starts reading one item from a new region; the caller keeps ownership of the buffer.</summary>
        public void Reset(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            _buffer = buffer;
            _position = offset;
            _end = offset + count;
            _containers.Reset();
            _status = CborStatus.Ok;
        }

        /// <summary>Reports the major type of the next item without consuming it.</summary>
        public CborStatus PeekMajorType(out CborMajorType majorType)
        {
            majorType = CborMajorType.UnsignedInteger;
            if (!CanStartItem())
            {
                return _status;
            }

            if (_position >= _end)
            {
                return Fail(CborStatus.Truncated);
            }

            majorType = (CborMajorType)(_buffer[_position] >> 5);
            return CborStatus.Ok;
        }

        /// <summary>Reads and discards the next item, including everything nested in it.</summary>
        public CborStatus SkipValue()
        {
            int startDepth = _containers.Depth;
            do
            {
                if (!BeginItem())
                {
                    return _status;
                }

                if (_major == CborMajorType.Array || _major == CborMajorType.Map)
                {
                    int ignored;
                    _ = OpenContainer(out ignored); // a failure sticks in _status, which ends the loop
                }
                else if (_major == CborMajorType.ByteString || _major == CborMajorType.TextString)
                {
                    SkipString();
                }
                else
                {
                    _ = EndItem(); // a failure sticks in _status, which ends the loop
                }
            }
            while (_status == CborStatus.Ok && _containers.Depth > startDepth);

            return _status;
        }

        /// <summary>Confirms that the top-level item is complete and no bytes follow it.</summary>
        public CborStatus ReadEnd()
        {
            if (_status != CborStatus.Ok)
            {
                return _status;
            }

            if (!_containers.IsComplete)
            {
                return Fail(CborStatus.Incomplete);
            }

            return _position == _end ? CborStatus.Ok : Fail(CborStatus.TrailingBytes);
        }

        private bool SkipString()
        {
            int contentOffset;
            int contentLength;
            if (!TakeContent(out contentOffset, out contentLength))
            {
                return false;
            }

            if (_major == CborMajorType.TextString && !Utf8Validator.IsWellFormed(_buffer, contentOffset, contentLength))
            {
                Record(CborStatus.InvalidUtf8);
                return false;
            }

            return EndItem() == CborStatus.Ok;
        }

        private CborStatus ReadContainerHeader(CborMajorType majorType, out int count)
        {
            count = 0;
            if (!BeginScalar(majorType))
            {
                return _status;
            }

            return OpenContainer(out count);
        }

        private CborStatus OpenContainer(out int count)
        {
            count = 0;
            if (_itemIsKey)
            {
                return Fail(CborStatus.UnsupportedKey);
            }

            if (_argument > CborLimits.MaxContainerItems)
            {
                return Fail(CborStatus.TooLarge);
            }

            count = (int)_argument;
            int items = _major == CborMajorType.Map ? count * 2 : count;
            if (items == 0)
            {
                _containers.CompleteItem();
                return CborStatus.Ok;
            }

            return _containers.Push(items, _major == CborMajorType.Map) ? CborStatus.Ok : Fail(CborStatus.TooDeep);
        }

        private bool TakeContent(out int contentOffset, out int contentLength)
        {
            contentOffset = _position;
            contentLength = 0;
            if (_argument > CborLimits.MaxStringBytes)
            {
                Record(CborStatus.TooLarge);
                return false;
            }

            if (_argument > (ulong)(_end - _position))
            {
                Record(CborStatus.Truncated);
                return false;
            }

            contentLength = (int)_argument;
            _position += contentLength;
            return true;
        }

        private bool BeginScalar(CborMajorType expected)
        {
            if (!BeginItem())
            {
                return false;
            }

            if (_major != expected)
            {
                Record(CborStatus.UnexpectedType);
                return false;
            }

            return true;
        }

        private bool CanStartItem()
        {
            if (_status != CborStatus.Ok)
            {
                return false;
            }

            if (_containers.IsComplete)
            {
                Record(CborStatus.NoMoreItems);
                return false;
            }

            return true;
        }

        // Decodes the head (RFC 8949 §3) and applies the deterministic-encoding rules to it.
        private bool BeginItem()
        {
            if (!CanStartItem())
            {
                return false;
            }

            _itemStart = _position;
            _itemIsKey = _containers.IsKeyNext;
            if (_position >= _end)
            {
                Record(CborStatus.Truncated);
                return false;
            }

            int initial = _buffer[_position++];
            _major = (CborMajorType)(initial >> 5);
            int additional = initial & 0x1F;
            if (!ReadArgument(additional))
            {
                return false;
            }

            if (_major == CborMajorType.Tag)
            {
                Record(CborStatus.Unsupported);
                return false;
            }

            if (_major == CborMajorType.SimpleOrFloat && (additional < SimpleFalse || additional > SimpleNull))
            {
                Record(CborStatus.Unsupported);
                return false;
            }

            return true;
        }

        private bool ReadArgument(int additional)
        {
            if (additional < AdditionalOneByte)
            {
                _argument = (ulong)additional;
                return true;
            }

            if (additional == AdditionalIndefinite)
            {
                Record(CborStatus.IndefiniteLength);
                return false;
            }

            if (additional > AdditionalEightBytes)
            {
                Record(CborStatus.Malformed);
                return false;
            }

            int size = 1 << (additional - AdditionalOneByte);
            if (size > _end - _position)
            {
                Record(CborStatus.Truncated);
                return false;
            }

            ulong argument = 0;
            for (int i = 0; i < size; i++)
            {
                argument = (argument << 8) | _buffer[_position++];
            }

            _argument = argument;

            // Shortest form: a value that fits the next smaller size must have used it.
            if (CborWriter.HeadSize(argument) != size + 1)
            {
                Record(CborStatus.NonCanonical);
                return false;
            }

            return true;
        }

        // RFC 8949 §4.2.1: keys sorted bytewise by their deterministic encodings; equal means duplicate.
        private CborStatus EndItem()
        {
            if (_itemIsKey)
            {
                CborStatus order = _containers.CheckKey(_buffer, _itemStart, _position - _itemStart);
                if (order != CborStatus.Ok)
                {
                    return Fail(order);
                }
            }

            _containers.CompleteItem();
            return CborStatus.Ok;
        }

        private CborStatus Fail(CborStatus status)
        {
            Record(status);
            return _status;
        }

        // The first error sticks: later calls report it, never a later, derived one.
        private void Record(CborStatus status)
        {
            if (_status == CborStatus.Ok)
            {
                _status = status;
            }
        }
    }
}
