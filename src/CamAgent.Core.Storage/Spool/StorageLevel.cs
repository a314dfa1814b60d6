namespace CamAgent.Core.Spool
{
    /// <summary>How full the volume is, against the spool's thresholds.</summary>
    public enum StorageLevel
    {
        /// <summary>Enough room for the recorder to keep writing.</summary>
        Normal = 0,

        /// <summary>Below the low-space threshold: the recorder must not start a new segment; an alarm is raised.</summary>
        Low = 1,

        /// <summary>Below the critical threshold: only the spool's own small writes may still fit.</summary>
        Critical = 2,
    }
}
