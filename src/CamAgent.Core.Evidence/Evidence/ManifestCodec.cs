using System;
using CamAgent.Core.Cbor;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Evidence
{
    /// <summary>
    /// Deterministic CBOR form of a <see cref="Manifest"/> (docs/evidence-format.md §3.1): a map of
    /// all 23 keys in ascending order, integers in shortest form. Decoding accepts only that
    /// exact shape, so one manifest has exactly one encoding and re-encoding a decoded manifest
    /// gives back the same bytes.
    /// </summary>
    public static class ManifestCodec
    {
        /// <summary>
        /// Validates <paramref name="manifest"/> and writes it with <paramref name="writer"/>.
        /// Returns Ok, BufferTooSmall, or the validation failure with <paramref name="badKey"/>.
        /// </summary>
        public static EvidenceStatus Encode(Manifest manifest, CborWriter writer, out int badKey)
        {
            if (manifest == null)
            {
                throw new ArgumentNullException("manifest");
            }

            if (writer == null)
            {
                throw new ArgumentNullException("writer");
            }

            EvidenceStatus status = manifest.Validate(out badKey);
            if (status != EvidenceStatus.Ok)
            {
                return status;
            }

            writer.WriteMapHeader(ManifestKeys.Count);
            WriteInt(writer, ManifestKeys.Version, manifest.Version);
            WriteInt(writer, ManifestKeys.Kind, (int)manifest.Kind);
            WriteInt(writer, ManifestKeys.Event, (int)manifest.Event);
            writer.WriteUInt64(ManifestKeys.DeviceId);
            writer.WriteTextString(manifest.DeviceId);
            WriteInt(writer, ManifestKeys.Sequence, manifest.Sequence);
            WriteInt(writer, ManifestKeys.BootCount, manifest.BootCount);
            WriteInt(writer, ManifestKeys.RecordingId, manifest.RecordingId);
            WriteInt(writer, ManifestKeys.ContentLength, manifest.ContentLength);
            WriteInt(writer, ManifestKeys.ChunkSize, manifest.ChunkSizeBytes);
            WriteBytes(writer, ManifestKeys.ContentDigest, manifest.ContentDigestBytes, ContentDigest.DigestSizeBytes);
            WriteBytes(writer, ManifestKeys.PreviousRecordDigest, manifest.PreviousRecordDigest, ContentDigest.DigestSizeBytes);
            WriteInt(writer, ManifestKeys.SignerKind, (int)manifest.SignerKind);
            WriteInt(writer, ManifestKeys.WallStartMs, manifest.WallStartMs);
            WriteInt(writer, ManifestKeys.WallEndMs, manifest.WallEndMs);
            WriteInt(writer, ManifestKeys.MonotonicStartMs, manifest.MonotonicStartMs);
            WriteInt(writer, ManifestKeys.MonotonicEndMs, manifest.MonotonicEndMs);
            WriteInt(writer, ManifestKeys.ClockState, (int)manifest.ClockState);
            WriteInt(writer, ManifestKeys.LastSyncAgeMs, manifest.LastSyncAgeMs);
            WriteInt(writer, ManifestKeys.UncertaintyMs, manifest.UncertaintyMs);
            WriteInt(writer, ManifestKeys.TimeFloorMs, manifest.TimeFloorMs);
            writer.WriteUInt64(ManifestKeys.Truncated);
            writer.WriteBoolean(manifest.Truncated);
            WriteBytes(writer, ManifestKeys.LastReceiptDigest, manifest.LastReceiptDigest, manifest.HasLastReceiptDigest ? ContentDigest.DigestSizeBytes : 0);
            WriteInt(writer, ManifestKeys.EventDetail, manifest.EventDetail);
            badKey = 0;
            return writer.Status == CborStatus.Ok ? EvidenceStatus.Ok : EvidenceStatus.BufferTooSmall;
        }

        /// <summary>
        /// Decodes <paramref name="count"/> bytes at <paramref name="offset"/> into <paramref name="into"/>
        /// and validates it. Returns Ok, MalformedCbor, UnexpectedKey, UnsupportedVersion or InvalidValue;
        /// <paramref name="badKey"/> names the key at fault (0 for CBOR-level failures).
        /// <paramref name="reader"/> is reset and reused. On failure <paramref name="into"/> is partly overwritten.
        /// </summary>
        public static EvidenceStatus Decode(byte[] buffer, int offset, int count, CborReader reader, Manifest into, out int badKey)
        {
            if (reader == null)
            {
                throw new ArgumentNullException("reader");
            }

            if (into == null)
            {
                throw new ArgumentNullException("into");
            }

            reader.Reset(buffer, offset, count);
            FieldReader fields = new FieldReader(reader, buffer);
            int entries;
            badKey = 0;
            if (reader.ReadMapHeader(out entries) != CborStatus.Ok)
            {
                return EvidenceStatus.MalformedCbor;
            }

            if (entries != ManifestKeys.Count)
            {
                return EvidenceStatus.UnexpectedKey;
            }

            EvidenceStatus status = ReadFields(fields, into);
            badKey = fields.BadKey;
            if (status != EvidenceStatus.Ok)
            {
                return status;
            }

            if (reader.ReadEnd() != CborStatus.Ok)
            {
                return EvidenceStatus.MalformedCbor;
            }

            return into.Validate(out badKey);
        }

        private static EvidenceStatus ReadFields(FieldReader fields, Manifest into)
        {
            into.Version = (int)fields.Int(ManifestKeys.Version, int.MaxValue);
            into.Kind = (RecordKind)fields.Int(ManifestKeys.Kind, int.MaxValue);
            into.Event = (ContinuityEvent)fields.Int(ManifestKeys.Event, int.MaxValue);
            into.DeviceId = fields.Text(ManifestKeys.DeviceId, EvidenceLimits.MaxDeviceIdLength);
            into.Sequence = fields.Int(ManifestKeys.Sequence, long.MaxValue);
            into.BootCount = fields.Int(ManifestKeys.BootCount, long.MaxValue);
            into.RecordingId = fields.Int(ManifestKeys.RecordingId, long.MaxValue);
            into.ContentLength = fields.Int(ManifestKeys.ContentLength, long.MaxValue);
            into.ChunkSizeBytes = (int)fields.Int(ManifestKeys.ChunkSize, int.MaxValue);
            fields.Digest(ManifestKeys.ContentDigest, into.ContentDigestBytes, false);
            fields.Digest(ManifestKeys.PreviousRecordDigest, into.PreviousRecordDigest, false);
            into.SignerKind = (SignerKind)fields.Int(ManifestKeys.SignerKind, int.MaxValue);
            into.WallStartMs = fields.Int(ManifestKeys.WallStartMs, long.MaxValue);
            into.WallEndMs = fields.Int(ManifestKeys.WallEndMs, long.MaxValue);
            into.MonotonicStartMs = fields.Int(ManifestKeys.MonotonicStartMs, long.MaxValue);
            into.MonotonicEndMs = fields.Int(ManifestKeys.MonotonicEndMs, long.MaxValue);
            into.ClockState = (ClockState)fields.Int(ManifestKeys.ClockState, int.MaxValue);
            into.LastSyncAgeMs = fields.Int(ManifestKeys.LastSyncAgeMs, long.MaxValue);
            into.UncertaintyMs = fields.Int(ManifestKeys.UncertaintyMs, long.MaxValue);
            into.TimeFloorMs = fields.Int(ManifestKeys.TimeFloorMs, long.MaxValue);
            into.Truncated = fields.Boolean(ManifestKeys.Truncated);
            into.HasLastReceiptDigest = fields.Digest(ManifestKeys.LastReceiptDigest, into.LastReceiptDigest, true);
            into.EventDetail = fields.Int(ManifestKeys.EventDetail, long.MaxValue);
            return fields.Status;
        }

        private static void WriteInt(CborWriter writer, int key, long value)
        {
            writer.WriteUInt64((ulong)key);
            writer.WriteInt64(value);
        }

        private static void WriteBytes(CborWriter writer, int key, byte[] value, int count)
        {
            writer.WriteUInt64((ulong)key);
            writer.WriteByteString(value, 0, count);
        }
    }
}
