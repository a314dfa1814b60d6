namespace CamAgent.Core.Time
{
    /// <summary>What one observation of the clocks revealed. The agent seals a ClockStep record for those that come with a step (<see cref="ClockMonitor.LastStepMs"/>).</summary>
    public enum ClockEvent
    {
        /// <summary>Wall time advanced with the monotonic ticks, within tolerance.</summary>
        None = 0,

        /// <summary>The clock became trustworthy: a step onto a time above the floor, or the SNTP adapter reported a sync.</summary>
        Synced = 1,

        /// <summary>An already trusted clock stepped (forward or back) and stayed above the floor.</summary>
        Stepped = 2,

        /// <summary>The clock fell below the time floor; nothing may be uploaded until it is synchronised again.</summary>
        Invalidated = 3,

        /// <summary>
        /// The clock stepped outside what the last verified time allows (drift bound since it, plus SNTP
        /// accuracy): the step is recorded, the clock is no longer trusted, and it stays so until a later
        /// step lands back inside the bound (docs/agent.md §1, "Judging SNTP").
        /// </summary>
        SuspectStep = 4,
    }
}
