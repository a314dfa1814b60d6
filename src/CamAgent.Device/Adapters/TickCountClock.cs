using System;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// <see cref="IMonotonicClock"/> over Environment.TickCount64 (nanoFramework.Runtime.Native):
    /// milliseconds since boot, independent of the wall clock, so SNTP steps never move it.
    /// </summary>
    public sealed class TickCountClock : IMonotonicClock
    {
        public long ElapsedMs
        {
            get { return Environment.TickCount64; }
        }
    }
}
