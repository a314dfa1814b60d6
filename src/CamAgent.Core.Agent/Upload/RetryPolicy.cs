using System;

namespace CamAgent.Core.Upload
{
    /// <summary>
    /// When to try again after a failure that is not permanent. Exponential backoff with "full
    /// jitter": after the n-th consecutive failure the delay is uniform in [0, min(cap, base·2^(n-1))],
    /// so that many cameras that lost the same server do not return in lockstep. The randomness is an
    /// argument (the client draws it from IRandomSource), which makes every delay reproducible in tests.
    /// A server's Retry-After (RFC 9110 §10.2.3) is honoured: the delay is never shorter than it asked,
    /// plus up to one base delay of jitter, and capped so a broken server cannot park a camera for days.
    /// </summary>
    public sealed class RetryPolicy
    {
        /// <summary>First retry within a second: a cut link on a moving officer often comes back at once.</summary>
        public const int DefaultBaseDelayMs = 1000;

        /// <summary>Five minutes: long enough to spare a struggling server, short enough to drain a queue the same shift.</summary>
        public const int DefaultMaxDelayMs = 300000;

        /// <summary>One hour: the longest Retry-After obeyed as given (RFC 9110 §10.2.3 lets a client cap it).</summary>
        public const int DefaultMaxRetryAfterMs = 3600000;

        public RetryPolicy()
            : this(DefaultBaseDelayMs, DefaultMaxDelayMs, DefaultMaxRetryAfterMs)
        {
        }

        public RetryPolicy(int baseDelayMs, int maxDelayMs, int maxRetryAfterMs)
        {
            if (baseDelayMs <= 0 || maxDelayMs < baseDelayMs || maxRetryAfterMs < 0)
            {
                throw new ArgumentOutOfRangeException("baseDelayMs");
            }

            BaseDelayMs = baseDelayMs;
            MaxDelayMs = maxDelayMs;
            MaxRetryAfterMs = maxRetryAfterMs;
        }

        public int BaseDelayMs { get; private set; }

        public int MaxDelayMs { get; private set; }

        public int MaxRetryAfterMs { get; private set; }

        /// <summary>The upper bound of the backoff after <paramref name="consecutiveFailures"/> (&gt;= 1) failures.</summary>
        public int CeilingMs(int consecutiveFailures)
        {
            if (consecutiveFailures < 1)
            {
                throw new ArgumentOutOfRangeException("consecutiveFailures");
            }

            long ceiling = BaseDelayMs;
            for (int i = 1; i < consecutiveFailures && ceiling < MaxDelayMs; i++)
            {
                ceiling *= 2;
            }

            return ceiling > MaxDelayMs ? MaxDelayMs : (int)ceiling;
        }

        /// <summary>
        /// Full-jitter backoff: <paramref name="jitter"/> (uniform over all 32-bit values) scaled into
        /// [0, ceiling]; 0 gives 0 and uint.MaxValue gives the ceiling.
        /// </summary>
        public int BackoffMs(int consecutiveFailures, uint jitter)
        {
            return Scale(jitter, CeilingMs(consecutiveFailures));
        }

        /// <summary>
        /// Delay for a response that carried Retry-After of <paramref name="retryAfterMs"/> (&gt;= 0):
        /// at least what the server asked, plus jitter within one base delay, at most <see cref="MaxRetryAfterMs"/>.
        /// </summary>
        public int RetryAfterMs(long retryAfterMs, uint jitter)
        {
            if (retryAfterMs < 0)
            {
                throw new ArgumentOutOfRangeException("retryAfterMs");
            }

            long delay = retryAfterMs + Scale(jitter, BaseDelayMs);
            return delay > MaxRetryAfterMs ? MaxRetryAfterMs : (int)delay;
        }

        // Multiply-shift instead of modulo: no bias, and the extremes of the jitter map to the
        // extremes of the range. Unsigned 64-bit throughout: nanoCLR keeps an unsigned tag on a
        // long widened from a uint, so mixing in signed values could shift differently there.
        private static int Scale(uint jitter, int maxInclusive)
        {
            ulong span = (ulong)maxInclusive + 1;
            return (int)(((ulong)jitter * span) >> 32);
        }
    }
}
