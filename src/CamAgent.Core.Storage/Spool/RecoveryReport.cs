namespace CamAgent.Core.Spool
{
    /// <summary>
    /// What <see cref="Spool.Recover"/> found and repaired. The orchestration turns the facts into
    /// a signed power-loss-recovery continuity record (skipped sequence numbers, records whose
    /// content vanished). Allocated once by the caller; every field is reset by Recover.
    /// </summary>
    public sealed class RecoveryReport
    {
        /// <summary>True when a previous spool state was found (false on a new or wiped card).</summary>
        public bool StateFound { get; internal set; }

        /// <summary>Live records after recovery.</summary>
        public int LiveRecords { get; internal set; }

        /// <summary>
        /// First sequence number whose commit had begun but not completed before the cut (-1: none).
        /// Its record bytes may have reached the card, so it is skipped, never reused; the
        /// power-loss continuity record explains the gap.
        /// </summary>
        public long SkippedFromSequence { get; internal set; }

        /// <summary>How many sequence numbers were skipped.</summary>
        public long SkippedCount { get; internal set; }

        /// <summary>True when the newest chain state came from a committed manifest newer than the journal.</summary>
        public bool ChainAdoptedFromRecord { get; internal set; }

        /// <summary>Unfinished spool writes (temporary files) removed.</summary>
        public int TemporaryFilesRemoved { get; internal set; }

        /// <summary>Receipted records whose interrupted deletion was completed.</summary>
        public int DeletionsCompleted { get; internal set; }

        /// <summary>Committed spool files that failed their checks (media corruption); left in place for inspection.</summary>
        public int CorruptFiles { get; internal set; }

        /// <summary>Sealed records without a receipt whose content is gone (never caused by the spool).</summary>
        public int ContentMissing { get; internal set; }

        /// <summary>Records left on the card because the live table was full; picked up after a later recovery.</summary>
        public int RecordsOverCapacity { get; internal set; }

        /// <summary>Quarantined records on the card (kept, never uploaded: see <see cref="Spool.Quarantine"/>).</summary>
        public int Quarantined { get; internal set; }

        internal void Reset()
        {
            StateFound = false;
            LiveRecords = 0;
            SkippedFromSequence = -1;
            SkippedCount = 0;
            ChainAdoptedFromRecord = false;
            TemporaryFilesRemoved = 0;
            DeletionsCompleted = 0;
            CorruptFiles = 0;
            ContentMissing = 0;
            RecordsOverCapacity = 0;
            Quarantined = 0;
        }
    }
}
