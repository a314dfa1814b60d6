using CamAgent.Core.Evidence;
using CamAgent.Core.Time;

namespace CamAgent.Core.Agent
{
    /// <summary>One continuity event waiting in the <see cref="ContinuityQueue"/>: what, its detail, and the clock when it happened.</summary>
    public sealed class PendingEvent
    {
        private readonly TimeMark _mark = new TimeMark();

        public ContinuityEvent Event { get; internal set; }

        /// <summary>Event-specific value (ClockStep: the step in ms, signed; ConfigChange: the new serial; otherwise 0).</summary>
        public long Detail { get; internal set; }

        /// <summary>The clock when the event was queued.</summary>
        public TimeMark Mark
        {
            get { return _mark; }
        }
    }
}
