using CamAgent.Core.Platform;

namespace CamAgent.Host.Platform;

/// <summary>The host's UTC clock (kept by the operating system's NTP client).</summary>
public sealed class SystemWallClock : IWallClock
{
    public DateTime UtcNow => DateTime.UtcNow;
}
