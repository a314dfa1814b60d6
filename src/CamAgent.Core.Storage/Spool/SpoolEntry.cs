using CamAgent.Core.Evidence;

namespace CamAgent.Core.Spool
{
    /// <summary>
    /// A snapshot of one live record, filled by <see cref="Spool.GetOldest"/> and
    /// <see cref="Spool.Find"/> into an instance the caller allocates once.
    /// </summary>
    public sealed class SpoolEntry
    {
        /// <summary>Device-wide sequence number.</summary>
        public long Sequence { get; private set; }

        public RecordKind Kind { get; private set; }

        public RecordState State { get; private set; }

        /// <summary>Recorder sequence of the content; -1 for continuity records.</summary>
        public long RecorderSequence { get; private set; }

        /// <summary>Bytes of content the manifest covers (0 for continuity records).</summary>
        public long ContentLengthBytes { get; private set; }

        /// <summary>True when the content was recovered from an unfinished recording.</summary>
        public bool Truncated { get; private set; }

        /// <summary>Last acknowledged upload offset recorded for this record (advisory; 0 when none).</summary>
        public long UploadOffsetBytes { get; private set; }

        internal void Set(long sequence, RecordKind kind, RecordState state, long recorderSequence, long contentLengthBytes, bool truncated, long uploadOffsetBytes)
        {
            Sequence = sequence;
            Kind = kind;
            State = state;
            RecorderSequence = recorderSequence;
            ContentLengthBytes = contentLengthBytes;
            Truncated = truncated;
            UploadOffsetBytes = uploadOffsetBytes;
        }
    }
}
