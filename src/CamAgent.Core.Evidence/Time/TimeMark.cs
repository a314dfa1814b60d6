namespace CamAgent.Core.Time
{
    /// <summary>
    /// What the agent knew about time at one instant (filled by <see cref="ClockMonitor.Capture"/>).
    /// Preallocate and reuse: capturing allocates nothing. All times in ms; wall times Unix ms.
    /// </summary>
    public sealed class TimeMark
    {
        /// <summary>Wall clock as the platform reported it (meaningless when the state is Invalid).</summary>
        public long WallUnixMs { get; internal set; }

        /// <summary>Monotonic ticks at the same instant (restart at every boot).</summary>
        public long MonotonicMs { get; internal set; }

        /// <summary>Valid, Invalid or Unsynced (an instant is never Stepped).</summary>
        public ClockCondition State { get; internal set; }

        /// <summary>Ms since the last sync seen in this boot, or <see cref="TimeConstants.NeverSynced"/>.</summary>
        public long SyncAgeMs { get; internal set; }

        /// <summary>Half-width of the window around <see cref="WallUnixMs"/> that contains true time, or <see cref="TimeConstants.UnknownUncertainty"/>.</summary>
        public long UncertaintyMs { get; internal set; }

        /// <summary>The persisted time floor, Unix ms (never decreases across boots; the in-memory floor may be higher).</summary>
        public long FloorUnixMs { get; internal set; }

        /// <summary>Steps detected since boot.</summary>
        public int StepCount { get; internal set; }

        /// <summary>Sum of the magnitudes of the steps detected since boot, ms.</summary>
        public long StepTotalMs { get; internal set; }

        /// <summary>Times the clock fell below the floor since boot.</summary>
        public int InvalidationCount { get; internal set; }

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(TimeMark other)
        {
            WallUnixMs = other.WallUnixMs;
            MonotonicMs = other.MonotonicMs;
            State = other.State;
            SyncAgeMs = other.SyncAgeMs;
            UncertaintyMs = other.UncertaintyMs;
            FloorUnixMs = other.FloorUnixMs;
            StepCount = other.StepCount;
            StepTotalMs = other.StepTotalMs;
            InvalidationCount = other.InvalidationCount;
        }
    }
}
