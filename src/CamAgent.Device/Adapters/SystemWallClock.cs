using System;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// <see cref="IWallClock"/> over the system clock that nanoFramework's SNTP client sets.
    /// After a power cut it starts near 1970; Core's ClockMonitor decides whether to trust it.
    /// </summary>
    public sealed class SystemWallClock : IWallClock
    {
        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }
    }
}
