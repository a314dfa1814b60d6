using System;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Upload
{
    /// <summary>
    /// Counts consecutive failures and turns each into a delay: Retry-After when the answer carried
    /// one, else the policy's backoff. Jitter comes from the injected random source.
    /// </summary>
    internal sealed class RetryScheduler
    {
        private readonly RetryPolicy _policy;
        private readonly IRandomSource _random;
        private readonly IWallClock _wallClock;
        private readonly byte[] _jitter = new byte[4];
        private int _consecutiveFailures;

        public RetryScheduler(RetryPolicy policy, IRandomSource random, IWallClock wallClock)
        {
            _policy = policy;
            _random = random;
            _wallClock = wallClock;
        }

        /// <summary>Progress was made: the next failure starts the backoff again.</summary>
        public void Reset()
        {
            _consecutiveFailures = 0;
        }

        /// <summary>The delay after one more failure, whose answer (if any) had <paramref name="statusCode"/>.</summary>
        public int NextDelayMs(TusResponseRules rules, int statusCode)
        {
            _consecutiveFailures++;
            _random.Fill(_jitter, 0, _jitter.Length);
            uint jitter = (uint)_jitter[0] | ((uint)_jitter[1] << 8) | ((uint)_jitter[2] << 16) | ((uint)_jitter[3] << 24);
            long retryAfterMs;
            DateTime now = _wallClock.UtcNow;
            return statusCode != 0 && rules.TryGetRetryAfterMs(statusCode, now, out retryAfterMs)
                ? _policy.RetryAfterMs(retryAfterMs, jitter)
                : _policy.BackoffMs(_consecutiveFailures, jitter);
        }
    }
}
