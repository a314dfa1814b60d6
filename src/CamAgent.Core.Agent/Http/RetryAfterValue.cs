using System;

namespace CamAgent.Core.Http
{
    /// <summary>Reads Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.</summary>
    public static class RetryAfterValue
    {
        private const long TicksPerMillisecond = 10000;
        private const long MillisecondsPerSecond = 1000;

        /// <summary>Longest delay-seconds value read; larger values are clamped later by the retry policy anyway.</summary>
        private const long MaxDelaySeconds = 100L * 365 * 24 * 3600;

        /// <summary>
        /// Converts the field value at b[offset..offset+count) into milliseconds from
        /// <paramref name="nowUtc"/> (0 when the date is already past). False when it is neither form.
        /// </summary>
        public static bool TryGetDelayMs(byte[] b, int offset, int count, DateTime nowUtc, out long delayMs)
        {
            delayMs = 0;
            long seconds;
            if (HttpSyntax.TryParseDecimal(b, offset, count, MaxDelaySeconds, out seconds))
            {
                delayMs = seconds * MillisecondsPerSecond;
                return true;
            }

            DateTime when;
            if (!HttpDate.TryParse(b, offset, count, nowUtc.Year, out when))
            {
                return false;
            }

            long ticks = when.Ticks - nowUtc.Ticks;
            delayMs = ticks > 0 ? ticks / TicksPerMillisecond : 0;
            return true;
        }
    }
}
