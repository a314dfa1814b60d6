namespace CamAgent.Core.Platform
{
    /// <summary>Expected outcomes of <see cref="IRecordSlots"/> operations.</summary>
    public enum SlotStatus
    {
        Ok = 0,

        /// <summary>The slot has never been written (or its file is gone).</summary>
        Missing = 1,

        /// <summary>The slot holds more bytes than the caller's buffer.</summary>
        TooLarge = 2,

        /// <summary>No space left for the write.</summary>
        StorageFull = 3,

        /// <summary>The medium failed or was removed.</summary>
        IoError = 4,
    }
}
