namespace CamAgent.Core.Platform
{
    /// <summary>
    /// Blocks the calling thread. Core waits only where a datasheet prescribes a time (e.g. the
    /// secure element's wake-up and execution times); tests inject a clock that advances instead.
    /// </summary>
    public interface IDelay
    {
        /// <summary>Returns after at least <paramref name="milliseconds"/> ms (0 or more).</summary>
        void Wait(int milliseconds);
    }
}
