namespace CamAgent.Core.Spool
{
    /// <summary>Expected outcomes of <see cref="Spool"/> operations.</summary>
    public enum SpoolStatus
    {
        Ok = 0,

        /// <summary>The volume is full; nothing committed was changed. Free space (uploads, receipts, deletions) and retry.</summary>
        StorageFull = 1,

        /// <summary>The medium failed; nothing committed was changed. Retry later.</summary>
        IoError = 2,

        /// <summary>The SD card is not there. Retry after it is back; recover again after a reinsert.</summary>
        DeviceRemoved = 3,

        /// <summary>The spool tracks the maximum number of records; seal more after uploads drain it.</summary>
        QueueFull = 4,

        /// <summary>No live record has this sequence number.</summary>
        UnknownSequence = 5,

        /// <summary>The record is not in a state that allows the operation (e.g. delete before receipt).</summary>
        WrongState = 6,

        /// <summary>Every device sequence number the spool can name has been used.</summary>
        SequenceExhausted = 7,

        /// <summary>The segment content of a record that has no receipt is gone (recovery reports these).</summary>
        ContentMissing = 8,
    }
}
