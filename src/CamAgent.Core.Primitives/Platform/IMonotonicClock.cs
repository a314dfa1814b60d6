namespace CamAgent.Core.Platform
{
    /// <summary>
    /// A clock that never goes backwards while the device is powered (nanoFramework:
    /// Environment.TickCount64). It restarts from an arbitrary value at every boot.
    /// </summary>
    public interface IMonotonicClock
    {
        /// <summary>Milliseconds since an arbitrary point at boot.</summary>
        long ElapsedMs { get; }
    }
}
