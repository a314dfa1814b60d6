namespace CamAgent.Core.Time
{
    /// <summary>
    /// What the agent can prove about the wall clock over an interval (a segment, or an instant).
    /// Finer than the manifest's CamAgent.Core.Evidence.ClockState, which records Unsynced as
    /// Invalid (the agent maps Unsynced to Invalid when it fills a manifest). Never renumber: logged and documented in
    /// docs/agent.md, "Time model".
    /// </summary>
    public enum ClockCondition
    {
        /// <summary>Above the time floor, synchronised during this boot, no step inside the interval.</summary>
        Valid = 1,

        /// <summary>Below the persisted time floor at some point of the interval (e.g. booted at 1970).</summary>
        Invalid = 2,

        /// <summary>Above the floor throughout, but the clock stepped inside the interval.</summary>
        Stepped = 3,

        /// <summary>Above the floor, but no synchronisation has been seen since boot: the upper bound is unknown.</summary>
        Unsynced = 4,
    }
}
