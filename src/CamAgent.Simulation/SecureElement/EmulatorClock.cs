using CamAgent.Core.Platform;

namespace CamAgent.Simulation.SecureElement;

/// <summary>
/// Simulated time for emulated hardware: waiting advances the clock instantly, so a test that
/// exercises data-sheet timings (wake delays, execution times, watchdog) never sleeps.
/// </summary>
public sealed class EmulatorClock : IMonotonicClock, IDelay
{
    public long ElapsedMs { get; private set; }

    /// <summary>Total simulated time spent in <see cref="Wait"/>.</summary>
    public long WaitedMs { get; private set; }

    public void Wait(int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        ElapsedMs += milliseconds;
        WaitedMs += milliseconds;
    }

    /// <summary>Lets time pass without the driver waiting (e.g. the host doing other work).</summary>
    public void Advance(long milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        ElapsedMs += milliseconds;
    }
}
