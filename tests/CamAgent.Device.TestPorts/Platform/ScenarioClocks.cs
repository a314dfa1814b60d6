using System;
using CamAgent.Core.Platform;
using CamAgent.Core.Time;

namespace CamAgent.Device.TestPorts.Platform
{
    /// <summary>
    /// The clocks of one scenario, all in milliseconds and moved only by the test: the device's wall
    /// clock (what the agent reads as <see cref="IWallClock"/>; SNTP may set it), the device's
    /// monotonic counter (what the agent is stepped with; it restarts at a power cycle), and the
    /// agency's true time (what the ingest server writes into receipts). <see cref="Advance"/> moves
    /// all three together, as real time does.
    /// </summary>
    public sealed class ScenarioClocks : IWallClock
    {
        /// <summary>1 January 2000, where the device holds its clock at boot until SNTP answers (docs/agent.md §1).</summary>
        public const long ClockHoldUnixMs = 946684800000;

        /// <summary>Where the monotonic counter starts after a power cycle (Environment.TickCount64 is never 0 by the time the agent starts).</summary>
        public const long BootMonotonicMs = 1000;

        public ScenarioClocks(long agencyUnixMs, long wallUnixMs)
        {
            AgencyUnixMs = agencyUnixMs;
            WallUnixMs = wallUnixMs;
            MonotonicMs = BootMonotonicMs;
        }

        /// <summary>The device's wall clock, Unix ms.</summary>
        public long WallUnixMs { get; private set; }

        /// <summary>The device's monotonic counter, ms since its boot.</summary>
        public long MonotonicMs { get; private set; }

        /// <summary>The agency's (true) time, Unix ms.</summary>
        public long AgencyUnixMs { get; private set; }

        public DateTime UtcNow
        {
            get { return new DateTime(TimeConstants.UnixEpochTicks + WallUnixMs * TimeConstants.TicksPerMs, DateTimeKind.Utc); }
        }

        /// <summary>Time passes: every clock moves by <paramref name="ms"/>.</summary>
        public void Advance(long ms)
        {
            if (ms < 0)
            {
                throw new ArgumentOutOfRangeException("ms");
            }

            WallUnixMs += ms;
            MonotonicMs += ms;
            AgencyUnixMs += ms;
        }

        /// <summary>What SNTP (or a reset RTC) does: the wall clock jumps to <paramref name="unixMs"/>.</summary>
        public void SetWall(long unixMs)
        {
            WallUnixMs = unixMs;
        }

        /// <summary>A power cycle: the monotonic counter starts again.</summary>
        public void RestartMonotonic()
        {
            MonotonicMs = BootMonotonicMs;
        }
    }
}
