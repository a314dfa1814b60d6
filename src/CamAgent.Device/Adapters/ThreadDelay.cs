using System;
using System.Threading;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// <see cref="IDelay"/> by Thread.Sleep. Core asks for a delay only where a datasheet
    /// prescribes one (the secure element's wake and execution times), never to pace a loop.
    /// </summary>
    public sealed class ThreadDelay : IDelay
    {
        public void Wait(int milliseconds)
        {
            if (milliseconds < 0)
            {
                throw new ArgumentOutOfRangeException("milliseconds");
            }

            Thread.Sleep(milliseconds);
        }
    }
}
