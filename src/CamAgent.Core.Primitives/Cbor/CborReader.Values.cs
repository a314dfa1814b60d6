using System.Text;

namespace CamAgent.Core.Cbor
{
    /// <summary>The typed reads of <see cref="CborReader"/>: one item each, with the profile's checks.</summary>
    public sealed partial class CborReader
    {
        /// <summary>Reads an unsigned integer (major type 0).</summary>
        public CborStatus ReadUInt64(out ulong value)
        {
            value = 0;
            if (!BeginScalar(CborMajorType.UnsignedInteger))
            {
                return _status;
            }

            value = _argument;
            return EndItem();
        }

        /// <summary>Reads an integer of major type 0 or 1 that fits a <see cref="long"/>.</summary>
        public CborStatus ReadInt64(out long value)
        {
            value = 0;
            if (!BeginItem())
            {
                return _status;
            }

            if (_major != CborMajorType.UnsignedInteger && _major != CborMajorType.NegativeInteger)
            {
                return Fail(CborStatus.UnexpectedType);
            }

            if (_argument > long.MaxValue)
            {
                return Fail(CborStatus.Overflow);
            }

            long magnitude = 0;
            magnitude += (long)_argument;
            value = _major == CborMajorType.UnsignedInteger ? magnitude : -1 - magnitude;
            return EndItem();
        }

        /// <summary>
        /// Reads a byte string and reports where its content lies in the caller's buffer;
        /// nothing is copied.
        /// </summary>
        public CborStatus ReadByteString(out int contentOffset, out int contentLength)
        {
            contentOffset = 0;
            contentLength = 0;
            if (!BeginScalar(CborMajorType.ByteString) || !TakeContent(out contentOffset, out contentLength))
            {
                return _status;
            }

            return EndItem();
        }

        /// <summary>Reads a text string; its UTF-8 must be well-formed.</summary>
        public CborStatus ReadTextString(out string value)
        {
            value = null;
            int contentOffset;
            int contentLength;
            if (!BeginScalar(CborMajorType.TextString) || !TakeContent(out contentOffset, out contentLength))
            {
                return _status;
            }

            if (!Utf8Validator.IsWellFormed(_buffer, contentOffset, contentLength))
            {
                return Fail(CborStatus.InvalidUtf8);
            }

            value = contentLength == 0 ? string.Empty : Encoding.UTF8.GetString(_buffer, contentOffset, contentLength);
            return EndItem();
        }

        /// <summary>Reads an array head; the caller then reads <paramref name="count"/> items.</summary>
        public CborStatus ReadArrayHeader(out int count)
        {
            return ReadContainerHeader(CborMajorType.Array, out count);
        }

        /// <summary>Reads a map head; the caller then reads <paramref name="count"/> key/value pairs.</summary>
        public CborStatus ReadMapHeader(out int count)
        {
            return ReadContainerHeader(CborMajorType.Map, out count);
        }

        /// <summary>Reads false or true.</summary>
        public CborStatus ReadBoolean(out bool value)
        {
            value = false;
            if (!BeginScalar(CborMajorType.SimpleOrFloat))
            {
                return _status;
            }

            if (_argument != SimpleFalse && _argument != SimpleTrue)
            {
                return Fail(CborStatus.UnexpectedType);
            }

            value = _argument == SimpleTrue;
            return EndItem();
        }

        /// <summary>Reads null.</summary>
        public CborStatus ReadNull()
        {
            if (!BeginScalar(CborMajorType.SimpleOrFloat))
            {
                return _status;
            }

            return _argument == SimpleNull ? EndItem() : Fail(CborStatus.UnexpectedType);
        }
    }
}
