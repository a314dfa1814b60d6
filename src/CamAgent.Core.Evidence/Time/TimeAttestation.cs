namespace CamAgent.Core.Time
{
    /// <summary>
    /// The clock evidence for one interval (a segment from first sight to sealing, or a
    /// continuity event): the two marks plus the verdict and window derived from them. The
    /// evidence sealer copies these fields into the manifest. Preallocate and reuse.
    /// </summary>
    public sealed class TimeAttestation
    {
        private readonly TimeMark _start = new TimeMark();
        private readonly TimeMark _end = new TimeMark();

        /// <summary>The clock at the start of the interval.</summary>
        public TimeMark Start
        {
            get { return _start; }
        }

        /// <summary>The clock at the end of the interval.</summary>
        public TimeMark End
        {
            get { return _end; }
        }

        /// <summary>
        /// Invalid if either end was below the floor or the clock fell below it in between;
        /// Stepped if a step was detected in between; Unsynced if either end lacked a sync;
        /// otherwise Valid.
        /// </summary>
        public ClockCondition State { get; private set; }

        /// <summary>
        /// Half-width in ms of the window around each wall time that contains true time:
        /// the larger of the two marks' uncertainties plus every step seen in between
        /// (a step means the clock was wrong by that much on one side of it), or
        /// <see cref="TimeConstants.UnknownUncertainty"/> when the state is Invalid or Unsynced.
        /// </summary>
        public long UncertaintyMs { get; private set; }

        /// <summary>Sets both marks and derives the verdict (allocates nothing).</summary>
        public void Set(TimeMark start, TimeMark end)
        {
            _start.CopyFrom(start);
            _end.CopyFrom(end);
            State = Derive();
            if (State == ClockCondition.Invalid || State == ClockCondition.Unsynced)
            {
                UncertaintyMs = TimeConstants.UnknownUncertainty;
                return;
            }

            long widest = _start.UncertaintyMs > _end.UncertaintyMs ? _start.UncertaintyMs : _end.UncertaintyMs;
            UncertaintyMs = widest + (_end.StepTotalMs - _start.StepTotalMs);
        }

        private ClockCondition Derive()
        {
            if (_start.State == ClockCondition.Invalid || _end.State == ClockCondition.Invalid
                || _end.InvalidationCount != _start.InvalidationCount)
            {
                return ClockCondition.Invalid;
            }

            if (_end.StepCount != _start.StepCount)
            {
                return ClockCondition.Stepped;
            }

            if (_start.State == ClockCondition.Unsynced || _end.State == ClockCondition.Unsynced)
            {
                return ClockCondition.Unsynced;
            }

            return ClockCondition.Valid;
        }
    }
}
