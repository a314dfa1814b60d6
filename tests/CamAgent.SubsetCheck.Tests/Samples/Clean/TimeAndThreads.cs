using System;
using System.Threading;

namespace Samples
{
    public sealed class Heartbeat
    {
        private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly ManualResetEvent _stopped = new ManualResetEvent(false);
        private int _beats;

        public bool IsDue(DateTime lastUtc, DateTime nowUtc)
        {
            TimeSpan elapsed = nowUtc - lastUtc;
            return elapsed >= Period && nowUtc > lastUtc.AddMilliseconds(1);
        }

        public long Beat()
        {
            Interlocked.Increment(ref _beats);
            _wake.Set();
            return Environment.TickCount64 + _beats;
        }

        public void Run()
        {
            var thread = new Thread(Loop);
            thread.Start();
        }

        private void Loop()
        {
            while (!_stopped.WaitOne(0, false))
            {
                _wake.WaitOne();
            }
        }
    }
}
