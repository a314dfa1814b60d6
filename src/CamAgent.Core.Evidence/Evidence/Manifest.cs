using System;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Evidence
{
    /// <summary>
    /// One chain record: a segment manifest or a continuity record (docs/evidence-format.md §3).
    /// A plain mutable value: the digest arrays are allocated once and overwritten in place, so a
    /// device reuses one instance for every record. <see cref="ManifestCodec"/> encodes and decodes it.
    /// Times: wall times are Unix epoch milliseconds (UTC) as the device clock read them; monotonic
    /// times are milliseconds since an arbitrary point at boot <see cref="BootCount"/>.
    /// </summary>
    public sealed class Manifest
    {
        /// <summary>Value of <see cref="LastSyncAgeMs"/> when the clock was never synchronised.</summary>
        public const long NeverSynced = -1;

        private readonly byte[] _contentDigest = new byte[ContentDigest.DigestSizeBytes];
        private readonly byte[] _previousRecordDigest = new byte[ContentDigest.DigestSizeBytes];
        private readonly byte[] _lastReceiptDigest = new byte[ContentDigest.DigestSizeBytes];

        public Manifest()
        {
            Version = EvidenceLimits.FormatVersion;
            Kind = RecordKind.Segment;
            Event = ContinuityEvent.None;
            DeviceId = string.Empty;
            ChunkSizeBytes = ContentDigest.DefaultChunkSizeBytes;
            SignerKind = SignerKind.Software;
            ClockState = ClockState.Invalid;
            LastSyncAgeMs = NeverSynced;
        }

        /// <summary>Format version; <see cref="EvidenceLimits.FormatVersion"/> for everything this code writes.</summary>
        public int Version { get; set; }

        public RecordKind Kind { get; set; }

        /// <summary>None for segments; the event for continuity records.</summary>
        public ContinuityEvent Event { get; set; }

        /// <summary>The device certificate's subject CN.</summary>
        public string DeviceId { get; set; }

        /// <summary>Device-wide record number: starts at 0, +1 per record of any kind, never reused.</summary>
        public long Sequence { get; set; }

        /// <summary>Persisted count of device boots; monotonic times compare only within one boot.</summary>
        public long BootCount { get; set; }

        /// <summary>The sequence number of the RecordingStart record that opened the recording (0 if none).</summary>
        public long RecordingId { get; set; }

        /// <summary>Content bytes; 0 for continuity records.</summary>
        public long ContentLength { get; set; }

        /// <summary>Chunk size C of the content digest.</summary>
        public int ChunkSizeBytes { get; set; }

        /// <summary>The 32-byte content digest (docs/evidence-format.md §4); written in place.</summary>
        public byte[] ContentDigestBytes
        {
            get { return _contentDigest; }
        }

        /// <summary>SHA-256 of the previous record's complete COSE_Sign1 bytes; 32 zero bytes for sequence 0.</summary>
        public byte[] PreviousRecordDigest
        {
            get { return _previousRecordDigest; }
        }

        public SignerKind SignerKind { get; set; }

        public long WallStartMs { get; set; }

        public long WallEndMs { get; set; }

        public long MonotonicStartMs { get; set; }

        public long MonotonicEndMs { get; set; }

        public ClockState ClockState { get; set; }

        /// <summary>Age of the last known good time synchronisation at the record's end, or <see cref="NeverSynced"/>.</summary>
        public long LastSyncAgeMs { get; set; }

        /// <summary>Half-width of the window around the wall times within which true time lies.</summary>
        public long UncertaintyMs { get; set; }

        /// <summary>The persisted time floor (epoch ms) the device held when sealing.</summary>
        public long TimeFloorMs { get; set; }

        /// <summary>True when the segment is a partial file recovered after a power cut.</summary>
        public bool Truncated { get; set; }

        /// <summary>Whether <see cref="LastReceiptDigest"/> holds a value (false until the first receipt).</summary>
        public bool HasLastReceiptDigest { get; set; }

        /// <summary>SHA-256 of the last server receipt (COSE bytes) the device had verified; written in place.</summary>
        public byte[] LastReceiptDigest
        {
            get { return _lastReceiptDigest; }
        }

        /// <summary>
        /// Event-specific value: the signed step in ms for ClockStep; for PowerLossRecovery the count
        /// of sequence numbers skipped immediately before this record (see <see cref="SkippedFromSequence"/>);
        /// for RecordQuarantined the sequence number of the quarantined record; 0 otherwise.
        /// </summary>
        public long EventDetail { get; set; }

        /// <summary>
        /// First sequence number a power-loss-recovery record declares skipped: Sequence - EventDetail.
        /// Meaningful only when <see cref="EventDetail"/> &gt; 0 on such a record.
        /// </summary>
        public long SkippedFromSequence
        {
            get { return Sequence - EventDetail; }
        }

        /// <summary>Copies every field of <paramref name="other"/> into this instance.</summary>
        public void CopyFrom(Manifest other)
        {
            if (other == null)
            {
                throw new ArgumentNullException("other");
            }

            Version = other.Version;
            Kind = other.Kind;
            Event = other.Event;
            DeviceId = other.DeviceId;
            Sequence = other.Sequence;
            BootCount = other.BootCount;
            RecordingId = other.RecordingId;
            ContentLength = other.ContentLength;
            ChunkSizeBytes = other.ChunkSizeBytes;
            Array.Copy(other._contentDigest, _contentDigest, _contentDigest.Length);
            Array.Copy(other._previousRecordDigest, _previousRecordDigest, _previousRecordDigest.Length);
            SignerKind = other.SignerKind;
            WallStartMs = other.WallStartMs;
            WallEndMs = other.WallEndMs;
            MonotonicStartMs = other.MonotonicStartMs;
            MonotonicEndMs = other.MonotonicEndMs;
            ClockState = other.ClockState;
            LastSyncAgeMs = other.LastSyncAgeMs;
            UncertaintyMs = other.UncertaintyMs;
            TimeFloorMs = other.TimeFloorMs;
            Truncated = other.Truncated;
            HasLastReceiptDigest = other.HasLastReceiptDigest;
            Array.Copy(other._lastReceiptDigest, _lastReceiptDigest, _lastReceiptDigest.Length);
            EventDetail = other.EventDetail;
        }

        /// <summary>
        /// Checks the format rules (docs/evidence-format.md §3.2). Returns Ok, UnsupportedVersion or
        /// InvalidValue with the offending key in <paramref name="badKey"/>.
        /// </summary>
        public EvidenceStatus Validate(out int badKey)
        {
            badKey = ManifestKeys.Version;
            if (Version != EvidenceLimits.FormatVersion)
            {
                return EvidenceStatus.UnsupportedVersion;
            }

            badKey = FirstInvalidIdentityKey();
            if (badKey == 0)
            {
                badKey = FirstInvalidTimeKey();
            }

            return badKey == 0 ? EvidenceStatus.Ok : EvidenceStatus.InvalidValue;
        }

        /// <summary>True when <paramref name="deviceId"/> has 1..64 characters from [A-Za-z0-9._-].</summary>
        public static bool IsValidDeviceId(string deviceId)
        {
            if (deviceId == null || deviceId.Length < 1 || deviceId.Length > EvidenceLimits.MaxDeviceIdLength)
            {
                return false;
            }

            for (int i = 0; i < deviceId.Length; i++)
            {
                char c = deviceId[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private int FirstInvalidIdentityKey()
        {
            bool segment = Kind == RecordKind.Segment;
            if (!segment && Kind != RecordKind.Continuity)
            {
                return ManifestKeys.Kind;
            }

            bool eventKnown = Event >= ContinuityEvent.RecordingStart && Event <= ContinuityEvent.RecordQuarantined;
            if (segment ? Event != ContinuityEvent.None : !eventKnown)
            {
                return ManifestKeys.Event;
            }

            if (!IsValidDeviceId(DeviceId))
            {
                return ManifestKeys.DeviceId;
            }

            if (Sequence < 0)
            {
                return ManifestKeys.Sequence;
            }

            if (BootCount < 0)
            {
                return ManifestKeys.BootCount;
            }

            if (RecordingId < 0)
            {
                return ManifestKeys.RecordingId;
            }

            if (ContentLength < 0 || ContentLength > EvidenceLimits.MaxContentLengthBytes || (!segment && ContentLength != 0))
            {
                return ManifestKeys.ContentLength;
            }

            if (ChunkSizeBytes < ContentDigest.MinChunkSizeBytes || ChunkSizeBytes > ContentDigest.MaxChunkSizeBytes)
            {
                return ManifestKeys.ChunkSize;
            }

            if (SignerKind != SignerKind.Software && SignerKind != SignerKind.SecureElement)
            {
                return ManifestKeys.SignerKind;
            }

            if (Truncated && !segment)
            {
                return ManifestKeys.Truncated;
            }

            return IsValidEventDetail() ? 0 : ManifestKeys.EventDetail;
        }

        // A power-loss record declares how many sequence numbers right before it were skipped,
        // so the count can be neither negative nor reach below sequence 0 (docs/evidence-format.md §3.2).
        private bool IsValidEventDetail()
        {
            if (Event == ContinuityEvent.ClockStep)
            {
                return true;
            }

            if (Event == ContinuityEvent.PowerLossRecovery)
            {
                return EventDetail >= 0 && EventDetail <= Sequence;
            }

            // A quarantine record names an earlier record of the chain.
            if (Event == ContinuityEvent.RecordQuarantined)
            {
                return EventDetail >= 0 && EventDetail < Sequence;
            }

            return EventDetail == 0;
        }

        private int FirstInvalidTimeKey()
        {
            if (ClockState == ClockState.Valid && WallEndMs < WallStartMs)
            {
                return ManifestKeys.WallEndMs;
            }

            if (MonotonicStartMs < 0)
            {
                return ManifestKeys.MonotonicStartMs;
            }

            if (MonotonicEndMs < MonotonicStartMs)
            {
                return ManifestKeys.MonotonicEndMs;
            }

            if (ClockState < ClockState.Valid || ClockState > ClockState.Stepped)
            {
                return ManifestKeys.ClockState;
            }

            if (LastSyncAgeMs < NeverSynced)
            {
                return ManifestKeys.LastSyncAgeMs;
            }

            return UncertaintyMs < 0 ? ManifestKeys.UncertaintyMs : 0;
        }
    }
}
