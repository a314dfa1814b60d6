using System;
using CamAgent.Core.Cbor;
using CamAgent.Core.Crypto;

namespace CamAgent.Core.Evidence
{
    /// <summary>
    /// Where the device's record chain stands (docs/evidence-format.md §3.3): the sequence number
    /// the next record takes and SHA-256 of the last record's COSE_Sign1 bytes. The sealer advances
    /// it only when a record is sealed. The spool persists it (<see cref="Encode"/>) together with
    /// the sealed record, atomically, so a sequence number is never reused after a power cut.
    /// </summary>
    public sealed class ChainState
    {
        /// <summary>Bytes of the persisted form: map(2), two keys, a uint64 head and value, a 32-byte bstr.</summary>
        public const int EncodedMaxBytes = 48;

        private const int KeyNextSequence = 1;
        private const int KeyPreviousRecordDigest = 2;

        private readonly byte[] _previousRecordDigest = new byte[Sha256.DigestSizeBytes];

        // Where Decode reads the digest before it knows the whole state is valid, and its field
        // reader: decoding allocates nothing (the upload stage decodes one state per record).
        private readonly byte[] _decoded = new byte[Sha256.DigestSizeBytes];
        private readonly FieldReader _fields = new FieldReader(null, null);

        /// <summary>A new chain: the first record gets sequence 0 and links to 32 zero bytes.</summary>
        public ChainState()
        {
        }

        /// <summary>Sequence number of the next record.</summary>
        public long NextSequence { get; private set; }

        /// <summary>SHA-256 of the last sealed record's COSE bytes (zeros before the first); do not modify.</summary>
        public byte[] PreviousRecordDigest
        {
            get { return _previousRecordDigest; }
        }

        /// <summary>Records that the record in <paramref name="record"/> was sealed with <see cref="NextSequence"/>.</summary>
        public void Advance(byte[] record, int offset, int count, Sha256 sha)
        {
            if (sha == null)
            {
                throw new ArgumentNullException("sha");
            }

            if (NextSequence == long.MaxValue)
            {
                throw new InvalidOperationException("sequence space exhausted");
            }

            sha.Reset();
            sha.Update(record, offset, count);
            sha.Final(_previousRecordDigest, 0);
            NextSequence++;
        }

        /// <summary>Sets the state explicitly (restoring from a sealed record after recovery).</summary>
        public void Set(long nextSequence, byte[] previousRecordDigest, int offset)
        {
            if (nextSequence < 0)
            {
                throw new ArgumentOutOfRangeException("nextSequence");
            }

            if (previousRecordDigest == null)
            {
                throw new ArgumentNullException("previousRecordDigest");
            }

            Array.Copy(previousRecordDigest, offset, _previousRecordDigest, 0, _previousRecordDigest.Length);
            NextSequence = nextSequence;
        }

        public void CopyFrom(ChainState other)
        {
            if (other == null)
            {
                throw new ArgumentNullException("other");
            }

            Set(other.NextSequence, other._previousRecordDigest, 0);
        }

        /// <summary>Writes the persisted form {1: next sequence, 2: previous digest}; Ok or BufferTooSmall.</summary>
        public EvidenceStatus Encode(CborWriter writer)
        {
            if (writer == null)
            {
                throw new ArgumentNullException("writer");
            }

            writer.WriteMapHeader(2);
            writer.WriteUInt64(KeyNextSequence);
            writer.WriteInt64(NextSequence);
            writer.WriteUInt64(KeyPreviousRecordDigest);
            writer.WriteByteString(_previousRecordDigest, 0, _previousRecordDigest.Length);
            return writer.Status == CborStatus.Ok ? EvidenceStatus.Ok : EvidenceStatus.BufferTooSmall;
        }

        /// <summary>Restores the persisted form; on anything but Ok the state is unchanged. Allocates nothing.</summary>
        public EvidenceStatus Decode(byte[] buffer, int offset, int count, CborReader reader)
        {
            if (reader == null)
            {
                throw new ArgumentNullException("reader");
            }

            reader.Reset(buffer, offset, count);
            int entries;
            if (reader.ReadMapHeader(out entries) != CborStatus.Ok)
            {
                return EvidenceStatus.MalformedCbor;
            }

            if (entries != 2)
            {
                return EvidenceStatus.UnexpectedKey;
            }

            FieldReader fields = _fields;
            fields.Reset(reader, buffer);
            long next = fields.Int(KeyNextSequence, long.MaxValue);
            fields.Digest(KeyPreviousRecordDigest, _decoded, false);
            if (fields.Status != EvidenceStatus.Ok)
            {
                return fields.Status;
            }

            if (reader.ReadEnd() != CborStatus.Ok)
            {
                return EvidenceStatus.MalformedCbor;
            }

            if (next < 0)
            {
                return EvidenceStatus.InvalidValue;
            }

            Set(next, _decoded, 0);
            return EvidenceStatus.Ok;
        }
    }
}
