using System;

namespace CamAgent.Core.Platform
{
    /// <summary>
    /// The system wall clock as the platform keeps it (on the device: set by SNTP). It may be
    /// wrong, may start at 1970 after a power cut and may step; the agent infers its validity
    /// (see CamAgent.Core.Time) instead of trusting it.
    /// </summary>
    public interface IWallClock
    {
        /// <summary>Current UTC time as the platform reports it.</summary>
        DateTime UtcNow { get; }
    }
}
