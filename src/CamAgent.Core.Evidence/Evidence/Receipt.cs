using System;
using CamAgent.Core.Cbor;

namespace CamAgent.Core.Evidence
{
    /// <summary>
    /// The ingest server's statement that it holds a record (docs/evidence-format.md §6): the
    /// payload of a COSE_Sign1 signed with the server's receipt key. The device deletes a segment
    /// only after the signature verifies against the pinned receipt key and <see cref="Matches"/>
    /// holds. Encoding is deterministic; decoding accepts only that exact shape.
    /// </summary>
    public sealed class Receipt
    {
        private readonly byte[] _contentDigest = new byte[ContentDigest.DigestSizeBytes];
        private readonly byte[] _manifestDigest = new byte[ContentDigest.DigestSizeBytes];

        public Receipt()
        {
            Version = EvidenceLimits.FormatVersion;
            DeviceId = string.Empty;
            UploadId = string.Empty;
        }

        public int Version { get; set; }

        public string DeviceId { get; set; }

        public long Sequence { get; set; }

        public long ContentLength { get; set; }

        /// <summary>The content digest the server recomputed from the bytes it stored; written in place.</summary>
        public byte[] ContentDigestBytes
        {
            get { return _contentDigest; }
        }

        /// <summary>SHA-256 of the manifest's complete COSE_Sign1 bytes; written in place.</summary>
        public byte[] ManifestDigest
        {
            get { return _manifestDigest; }
        }

        /// <summary>Server wall time (Unix epoch ms, UTC) when the record was stored.</summary>
        public long ServerTimeMs { get; set; }

        /// <summary>The tus upload id the content arrived under (1..128 printable ASCII).</summary>
        public string UploadId { get; set; }

        /// <summary>
        /// True when the receipt is for exactly this record: same device, sequence, content length,
        /// content digest and manifest digest (each digest 32 bytes at its offset).
        /// </summary>
        public bool Matches(string deviceId, long sequence, long contentLength, byte[] contentDigest, int contentDigestOffset, byte[] manifestDigest, int manifestDigestOffset)
        {
            if (contentDigest == null || manifestDigest == null)
            {
                throw new ArgumentNullException("contentDigest");
            }

            return deviceId == DeviceId
                && sequence == Sequence
                && contentLength == ContentLength
                && EqualBytes(_contentDigest, contentDigest, contentDigestOffset)
                && EqualBytes(_manifestDigest, manifestDigest, manifestDigestOffset);
        }

        /// <summary>Checks the format rules; returns Ok, UnsupportedVersion or InvalidValue with the key at fault.</summary>
        public EvidenceStatus Validate(out int badKey)
        {
            badKey = ReceiptKeys.Version;
            if (Version != EvidenceLimits.FormatVersion)
            {
                return EvidenceStatus.UnsupportedVersion;
            }

            badKey = !Manifest.IsValidDeviceId(DeviceId) ? ReceiptKeys.DeviceId
                : Sequence < 0 ? ReceiptKeys.Sequence
                : ContentLength < 0 || ContentLength > EvidenceLimits.MaxContentLengthBytes ? ReceiptKeys.ContentLength
                : ServerTimeMs < 0 ? ReceiptKeys.ServerTimeMs
                : !IsValidUploadId(UploadId) ? ReceiptKeys.UploadId
                : 0;
            return badKey == 0 ? EvidenceStatus.Ok : EvidenceStatus.InvalidValue;
        }

        /// <summary>Validates and writes the receipt map; returns Ok, BufferTooSmall or the validation failure.</summary>
        public EvidenceStatus Encode(CborWriter writer, out int badKey)
        {
            if (writer == null)
            {
                throw new ArgumentNullException("writer");
            }

            EvidenceStatus status = Validate(out badKey);
            if (status != EvidenceStatus.Ok)
            {
                return status;
            }

            writer.WriteMapHeader(ReceiptKeys.Count);
            writer.WriteUInt64(ReceiptKeys.Version);
            writer.WriteInt64(Version);
            writer.WriteUInt64(ReceiptKeys.DeviceId);
            writer.WriteTextString(DeviceId);
            writer.WriteUInt64(ReceiptKeys.Sequence);
            writer.WriteInt64(Sequence);
            writer.WriteUInt64(ReceiptKeys.ContentLength);
            writer.WriteInt64(ContentLength);
            writer.WriteUInt64(ReceiptKeys.ContentDigest);
            writer.WriteByteString(_contentDigest, 0, _contentDigest.Length);
            writer.WriteUInt64(ReceiptKeys.ManifestDigest);
            writer.WriteByteString(_manifestDigest, 0, _manifestDigest.Length);
            writer.WriteUInt64(ReceiptKeys.ServerTimeMs);
            writer.WriteInt64(ServerTimeMs);
            writer.WriteUInt64(ReceiptKeys.UploadId);
            writer.WriteTextString(UploadId);
            return writer.Status == CborStatus.Ok ? EvidenceStatus.Ok : EvidenceStatus.BufferTooSmall;
        }

        /// <summary>
        /// Decodes and validates a receipt payload. Returns Ok, MalformedCbor, UnexpectedKey,
        /// UnsupportedVersion or InvalidValue; <paramref name="badKey"/> names the key at fault.
        /// </summary>
        public EvidenceStatus Decode(byte[] buffer, int offset, int count, CborReader reader, out int badKey)
        {
            if (reader == null)
            {
                throw new ArgumentNullException("reader");
            }

            reader.Reset(buffer, offset, count);
            badKey = 0;
            int entries;
            if (reader.ReadMapHeader(out entries) != CborStatus.Ok)
            {
                return EvidenceStatus.MalformedCbor;
            }

            if (entries != ReceiptKeys.Count)
            {
                return EvidenceStatus.UnexpectedKey;
            }

            FieldReader fields = new FieldReader(reader, buffer);
            Version = (int)fields.Int(ReceiptKeys.Version, int.MaxValue);
            DeviceId = fields.Text(ReceiptKeys.DeviceId, EvidenceLimits.MaxDeviceIdLength);
            Sequence = fields.Int(ReceiptKeys.Sequence, long.MaxValue);
            ContentLength = fields.Int(ReceiptKeys.ContentLength, long.MaxValue);
            fields.Digest(ReceiptKeys.ContentDigest, _contentDigest, false);
            fields.Digest(ReceiptKeys.ManifestDigest, _manifestDigest, false);
            ServerTimeMs = fields.Int(ReceiptKeys.ServerTimeMs, long.MaxValue);
            UploadId = fields.Text(ReceiptKeys.UploadId, EvidenceLimits.MaxUploadIdLength);
            badKey = fields.BadKey;
            if (fields.Status != EvidenceStatus.Ok)
            {
                return fields.Status;
            }

            return reader.ReadEnd() == CborStatus.Ok ? Validate(out badKey) : EvidenceStatus.MalformedCbor;
        }

        private static bool IsValidUploadId(string uploadId)
        {
            if (uploadId == null || uploadId.Length < 1 || uploadId.Length > EvidenceLimits.MaxUploadIdLength)
            {
                return false;
            }

            for (int i = 0; i < uploadId.Length; i++)
            {
                if (uploadId[i] <= ' ' || uploadId[i] > '~')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool EqualBytes(byte[] expected, byte[] actual, int offset)
        {
            if (offset < 0 || offset > actual.Length - expected.Length)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            int difference = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                difference |= expected[i] ^ actual[offset + i];
            }

            return difference == 0;
        }
    }
}
