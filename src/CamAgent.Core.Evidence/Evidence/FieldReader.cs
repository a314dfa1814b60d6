using System;
using CamAgent.Core.Cbor;

namespace CamAgent.Core.Evidence
{
    /// <summary>
    /// Reads "key, value" pairs of a fixed-schema map in key order, remembering the first failure
    /// and the key it happened at, so codecs read every field in a straight line and check once.
    /// After a failure every read returns a default value.
    /// </summary>
    internal sealed class FieldReader
    {
        private CborReader _reader;
        private byte[] _buffer;

        public FieldReader(CborReader reader, byte[] buffer)
        {
            Reset(reader, buffer);
        }

        /// <summary>Starts over on another message, so that a decoder that runs often can keep one instance.</summary>
        public void Reset(CborReader reader, byte[] buffer)
        {
            _reader = reader;
            _buffer = buffer;
            Status = EvidenceStatus.Ok;
            BadKey = 0;
        }

        public EvidenceStatus Status { get; private set; }

        /// <summary>The key of the first failure, or 0.</summary>
        public int BadKey { get; private set; }

        /// <summary>An integer of major type 0 or 1 with magnitude up to <paramref name="maxMagnitude"/>.</summary>
        public long Int(int key, long maxMagnitude)
        {
            long value;
            if (!Key(key))
            {
                return 0;
            }

            if (_reader.ReadInt64(out value) != CborStatus.Ok)
            {
                return Fail(key, EvidenceStatus.MalformedCbor);
            }

            if (value > maxMagnitude || value < -maxMagnitude)
            {
                return Fail(key, EvidenceStatus.InvalidValue);
            }

            return value;
        }

        public bool Boolean(int key)
        {
            bool value;
            if (!Key(key))
            {
                return false;
            }

            if (_reader.ReadBoolean(out value) != CborStatus.Ok)
            {
                Fail(key, EvidenceStatus.MalformedCbor);
            }

            return value;
        }

        public string Text(int key, int maxLength)
        {
            string value;
            if (!Key(key))
            {
                return string.Empty;
            }

            if (_reader.ReadTextString(out value) != CborStatus.Ok)
            {
                Fail(key, EvidenceStatus.MalformedCbor);
                return string.Empty;
            }

            if (value.Length > maxLength)
            {
                Fail(key, EvidenceStatus.InvalidValue);
                return string.Empty;
            }

            return value;
        }

        /// <summary>
        /// A 32-byte string copied into <paramref name="into"/>; when <paramref name="mayBeEmpty"/>,
        /// an empty string is accepted and false returned (meaning "absent").
        /// </summary>
        public bool Digest(int key, byte[] into, bool mayBeEmpty)
        {
            int offset;
            int length;
            if (!Key(key))
            {
                return false;
            }

            if (_reader.ReadByteString(out offset, out length) != CborStatus.Ok)
            {
                Fail(key, EvidenceStatus.MalformedCbor);
                return false;
            }

            if (length == 0 && mayBeEmpty)
            {
                Array.Clear(into, 0, into.Length);
                return false;
            }

            if (length != into.Length)
            {
                Fail(key, EvidenceStatus.InvalidValue);
                return false;
            }

            Array.Copy(_buffer, offset, into, 0, length);
            return true;
        }

        private bool Key(int expected)
        {
            if (Status != EvidenceStatus.Ok)
            {
                return false;
            }

            ulong key;
            if (_reader.ReadUInt64(out key) != CborStatus.Ok)
            {
                Fail(expected, _reader.Status == CborStatus.UnexpectedType ? EvidenceStatus.UnexpectedKey : EvidenceStatus.MalformedCbor);
                return false;
            }

            if (key != (ulong)expected)
            {
                Fail(expected, EvidenceStatus.UnexpectedKey);
                return false;
            }

            return true;
        }

        private long Fail(int key, EvidenceStatus status)
        {
            if (Status == EvidenceStatus.Ok)
            {
                Status = status;
                BadKey = key;
            }

            return 0;
        }
    }
}
