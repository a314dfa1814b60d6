namespace CamAgent.Core.Evidence
{
    /// <summary>What the device could prove about its wall clock for a record. Values are part of the format.</summary>
    public enum ClockState
    {
        /// <summary>Synchronised, at or above the persisted time floor, no step during the record.</summary>
        Valid = 1,

        /// <summary>Not trustworthy (never synced since boot, or below the time floor): wall times are not evidence.</summary>
        Invalid = 2,

        /// <summary>The clock stepped during the record; wall times are bounded by the uncertainty window only.</summary>
        Stepped = 3,
    }
}
