using System;

namespace CamAgent.Core.Http
{
    /// <summary>
    /// Parses HTTP-date (RFC 9110 §5.6.7) in all three forms a recipient must accept:
    /// IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", obsolete RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT"
    /// and asctime "Sun Nov  6 08:49:37 1994". Day names are checked for shape only (RFC 9110 lets a
    /// recipient ignore a wrong weekday). Times are UTC.
    /// </summary>
    public static class HttpDate
    {
        private const string Months = "JanFebMarAprMayJunJulAugSepOctNovDec";
        private const int MinYear = 1970;
        private const int TwoDigitYearWindow = 50;

        /// <summary>False for anything that is not one of the three forms or not a real calendar time.</summary>
        public static bool TryParse(byte[] b, int offset, int count, int currentYear, out DateTime value)
        {
            value = DateTime.MinValue;
            int comma = IndexOf(b, offset, count, (byte)',');
            if (comma < 0)
            {
                return TryParseAsctime(b, offset, count, out value);
            }

            int p = comma + 1;
            int end = offset + count;
            if (p >= end || b[p] != ' ')
            {
                return false;
            }

            p++;
            return comma - offset == 3
                ? TryParseFixdate(b, p, end, out value)
                : TryParseRfc850(b, p, end, currentYear, out value);
        }

        // "06 Nov 1994 08:49:37 GMT"
        private static bool TryParseFixdate(byte[] b, int p, int end, out DateTime value)
        {
            value = DateTime.MinValue;
            int day;
            int month;
            int year;
            return end - p == 24
                && TryDigits(b, p, 2, out day) && b[p + 2] == ' '
                && TryMonth(b, p + 3, out month) && b[p + 6] == ' '
                && TryDigits(b, p + 7, 4, out year) && b[p + 11] == ' '
                && TryTimeGmt(b, p + 12, year, month, day, out value);
        }

        // "06-Nov-94 08:49:37 GMT"
        private static bool TryParseRfc850(byte[] b, int p, int end, int currentYear, out DateTime value)
        {
            value = DateTime.MinValue;
            int day;
            int month;
            int year;
            if (end - p != 22 || !TryDigits(b, p, 2, out day) || b[p + 2] != '-' || !TryMonth(b, p + 3, out month)
                || b[p + 6] != '-' || !TryDigits(b, p + 7, 2, out year) || b[p + 9] != ' ')
            {
                return false;
            }

            // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is in the past century.
            int century = (currentYear / 100) * 100;
            year += century;
            if (year > currentYear + TwoDigitYearWindow)
            {
                year -= 100;
            }

            return TryTimeGmt(b, p + 10, year, month, day, out value);
        }

        // "Sun Nov  6 08:49:37 1994"
        private static bool TryParseAsctime(byte[] b, int p, int count, out DateTime value)
        {
            value = DateTime.MinValue;
            int day;
            int month;
            int year;
            int hour;
            int minute;
            int second;
            if (count != 24 || b[p + 3] != ' ' || !TryMonth(b, p + 4, out month) || b[p + 7] != ' ')
            {
                return false;
            }

            bool dayOk = b[p + 8] == ' ' ? TryDigits(b, p + 9, 1, out day) : TryDigits(b, p + 8, 2, out day);
            return dayOk && b[p + 10] == ' '
                && TryClock(b, p + 11, out hour, out minute, out second) && b[p + 19] == ' '
                && TryDigits(b, p + 20, 4, out year)
                && TryBuild(year, month, day, hour, minute, second, out value);
        }

        private static bool TryTimeGmt(byte[] b, int p, int year, int month, int day, out DateTime value)
        {
            value = DateTime.MinValue;
            int hour;
            int minute;
            int second;
            return TryClock(b, p, out hour, out minute, out second)
                && b[p + 8] == ' ' && b[p + 9] == 'G' && b[p + 10] == 'M' && b[p + 11] == 'T'
                && TryBuild(year, month, day, hour, minute, second, out value);
        }

        // "08:49:37"
        private static bool TryClock(byte[] b, int p, out int hour, out int minute, out int second)
        {
            minute = 0;
            second = 0;
            return TryDigits(b, p, 2, out hour) && b[p + 2] == ':'
                && TryDigits(b, p + 3, 2, out minute) && b[p + 5] == ':'
                && TryDigits(b, p + 6, 2, out second);
        }

        private static bool TryBuild(int year, int month, int day, int hour, int minute, int second, out DateTime value)
        {
            value = DateTime.MinValue;
            if (year < MinYear || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
            {
                return false;
            }

            // A leap second (":60") is read as the last second of the minute.
            value = new DateTime(year, month, day, hour, minute, second == 60 ? 59 : second);
            return true;
        }

        private static int DaysInMonth(int year, int month)
        {
            if (month == 2)
            {
                bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            }

            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        private static bool TryMonth(byte[] b, int p, out int month)
        {
            for (int i = 0; i < 12; i++)
            {
                if (b[p] == Months[i * 3] && b[p + 1] == Months[(i * 3) + 1] && b[p + 2] == Months[(i * 3) + 2])
                {
                    month = i + 1;
                    return true;
                }
            }

            month = 0;
            return false;
        }

        private static bool TryDigits(byte[] b, int p, int count, out int value)
        {
            value = 0;
            for (int i = 0; i < count; i++)
            {
                int c = b[p + i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            return true;
        }

        private static int IndexOf(byte[] b, int offset, int count, byte value)
        {
            for (int i = offset; i < offset + count; i++)
            {
                if (b[i] == value)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
