using CamAgent.Core.Diagnostics;

namespace CamAgent.Core.Http
{
    /// <summary>
    /// A parsed response head: status code and field lines, kept as offsets into the reader's
    /// buffer (no copies). Valid until the next <see cref="HttpResponseReader.ReadHead"/> on the same
    /// reader. Field names compare ASCII case-insensitively (RFC 9110 §5.1).
    /// </summary>
    public sealed class HttpResponseHead
    {
        private readonly int[] _nameOffset = new int[HttpLimits.MaxHeaderCount];
        private readonly int[] _nameLength = new int[HttpLimits.MaxHeaderCount];
        private readonly int[] _valueOffset = new int[HttpLimits.MaxHeaderCount];
        private readonly int[] _valueLength = new int[HttpLimits.MaxHeaderCount];
        private byte[] _buffer;

        /// <summary>Status code, 100..999 (RFC 9110 §15: three digits).</summary>
        public int StatusCode { get; private set; }

        /// <summary>1 for HTTP/1.1, 0 for HTTP/1.0.</summary>
        public int MinorVersion { get; private set; }

        public int HeaderCount { get; private set; }

        /// <summary>
        /// Parses buffer[0..length), which ends with the empty line (CRLF CRLF), whose line
        /// lengths the reader has already bounded and whose lines it has found: the CR of line n
        /// is at <paramref name="lineEnds"/>[n], for the first <paramref name="lineCount"/> lines
        /// other than the empty one (at least the status line; at most
        /// <see cref="LinesNeeded"/>, which is enough to tell a head with too many fields).
        /// Status line: RFC 9112 §4; field lines: RFC 9112 §5.
        /// </summary>
        internal HttpResult Parse(byte[] buffer, int length, int[] lineEnds, int lineCount)
        {
            WorkCounters.AddResponseHeadBytes(length);
            _buffer = buffer;
            HeaderCount = 0;
            StatusCode = 0;
            HttpResult result = ParseStatusLine(buffer, lineEnds[0]);
            int position = lineEnds[0] + 2;
            for (int line = 1; result == HttpResult.Ok && line < lineCount; line++)
            {
                result = ParseFieldLine(buffer, position, lineEnds[line]);
                position = lineEnds[line] + 2;
            }

            return result;
        }

        /// <summary>Lines whose ends <see cref="Parse"/> may need: the status line, the most fields kept, and one more to refuse.</summary>
        internal static int LinesNeeded
        {
            get { return HttpLimits.MaxHeaderCount + 2; }
        }

        /// <summary>Index of the first field named <paramref name="name"/>, or -1.</summary>
        public int IndexOf(string name)
        {
            int first;
            Find(name, null, out first);
            return first;
        }

        /// <summary>As <see cref="IndexOf(string)"/> with the name pre-encoded (ASCII bytes, any case): no string is read.</summary>
        public int IndexOf(byte[] name)
        {
            int first;
            Find(null, name, out first);
            return first;
        }

        /// <summary>Number of fields named <paramref name="name"/> (a repeated singleton field is an error for the caller to judge).</summary>
        public int CountOf(string name)
        {
            int first;
            return Find(name, null, out first);
        }

        /// <summary>As <see cref="CountOf(string)"/> with the name pre-encoded.</summary>
        public int CountOf(byte[] name)
        {
            int first;
            return Find(null, name, out first);
        }

        /// <summary>The trimmed value of the first field named <paramref name="name"/>, as (offset, count) in <see cref="Buffer"/>.</summary>
        public bool TryGetValue(string name, out int offset, out int count)
        {
            int index;
            Find(name, null, out index);
            return ValueAt(index, out offset, out count);
        }

        /// <summary>As <see cref="TryGetValue(string, out int, out int)"/> with the name pre-encoded.</summary>
        public bool TryGetValue(byte[] name, out int offset, out int count)
        {
            int index;
            Find(null, name, out index);
            return ValueAt(index, out offset, out count);
        }

        /// <summary>The value of the only field named <paramref name="name"/>; false when there is none or more than one. One pass over the fields.</summary>
        public bool TryGetSingle(byte[] name, out int offset, out int count)
        {
            int index;
            bool single = Find(null, name, out index) == 1;
            return ValueAt(single ? index : -1, out offset, out count);
        }

        /// <summary>The value of field <paramref name="index"/> when its name is <paramref name="name"/>.</summary>
        public bool TryGetField(int index, string name, out int offset, out int count)
        {
            bool match = index >= 0 && index < HeaderCount && NameIs(index, name, null);
            return ValueAt(match ? index : -1, out offset, out count);
        }

        /// <summary>As <see cref="TryGetField(int, string, out int, out int)"/> with the name pre-encoded.</summary>
        public bool TryGetField(int index, byte[] name, out int offset, out int count)
        {
            bool match = index >= 0 && index < HeaderCount && NameIs(index, null, name);
            return ValueAt(match ? index : -1, out offset, out count);
        }

        /// <summary>The value of a field that must appear at most once and be 1*DIGIT no larger than <paramref name="max"/>.</summary>
        public bool TryGetDecimal(string name, long max, out long value)
        {
            value = 0;
            int offset;
            int count;
            return CountOf(name) == 1
                && TryGetValue(name, out offset, out count)
                && HttpSyntax.TryParseDecimal(_buffer, offset, count, max, out value);
        }

        /// <summary>As <see cref="TryGetDecimal(string, long, out long)"/> with the name pre-encoded, in one pass over the fields.</summary>
        public bool TryGetDecimal(byte[] name, long max, out long value)
        {
            value = 0;
            int offset;
            int count;
            return TryGetSingle(name, out offset, out count)
                && HttpSyntax.TryParseDecimal(_buffer, offset, count, max, out value);
        }

        /// <summary>True when the field is present and its value equals <paramref name="expected"/> (ASCII case-insensitive).</summary>
        public bool ValueEquals(string name, string expected)
        {
            int offset;
            int count;
            return TryGetValue(name, out offset, out count)
                && HttpSyntax.EqualsIgnoreCase(_buffer, offset, count, expected);
        }

        /// <summary>The value as a new string (allocates: for rare fields such as error codes), or null when absent.</summary>
        public string GetString(string name)
        {
            int offset;
            int count;
            if (!TryGetValue(name, out offset, out count))
            {
                return null;
            }

            // Byte-per-char (Latin-1): a hostile value cannot make a UTF-8 decoder throw.
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)_buffer[offset + i];
            }

            return new string(chars);
        }

        /// <summary>The buffer that field offsets refer to; owned by the reader.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        // Counts the fields named by the string or, when given, the pre-encoded bytes; first is the index of the first one (-1: none).
        private int Find(string name, byte[] encoded, out int first)
        {
            first = -1;
            int count = 0;
            for (int i = 0; i < HeaderCount; i++)
            {
                if (NameIs(i, name, encoded))
                {
                    first = count == 0 ? i : first;
                    count++;
                }
            }

            return count;
        }

        private bool NameIs(int index, string name, byte[] encoded)
        {
            return encoded != null
                ? HttpSyntax.EqualsIgnoreCase(_buffer, _nameOffset[index], _nameLength[index], encoded)
                : HttpSyntax.EqualsIgnoreCase(_buffer, _nameOffset[index], _nameLength[index], name);
        }

        private bool ValueAt(int index, out int offset, out int count)
        {
            offset = index < 0 ? 0 : _valueOffset[index];
            count = index < 0 ? 0 : _valueLength[index];
            return index >= 0;
        }

        private HttpResult ParseStatusLine(byte[] b, int end)
        {
            // "HTTP/1.x" SP 3DIGIT SP reason-phrase; the SP before an empty reason is tolerated
            // missing, as RFC 9112 §4 asks recipients to be lenient about the reason phrase.
            if (end < 12 || b[0] != 'H' || b[1] != 'T' || b[2] != 'T' || b[3] != 'P' || b[4] != '/' || b[6] != '.')
            {
                return end >= 8 && b[0] == 'H' && b[4] == '/' ? HttpResult.UnsupportedVersion : HttpResult.MalformedStatusLine;
            }

            if (b[5] != '1' || (b[7] != '0' && b[7] != '1'))
            {
                return HttpResult.UnsupportedVersion;
            }

            long code;
            if (b[8] != ' ' || !HttpSyntax.TryParseDecimal(b, 9, 3, 999, out code) || code < 100)
            {
                return HttpResult.MalformedStatusLine;
            }

            if (end > 12 && b[12] != ' ')
            {
                return HttpResult.MalformedStatusLine;
            }

            for (int i = 13; i < end; i++)
            {
                if (!HttpSyntax.IsFieldValueChar(b[i]))
                {
                    return HttpResult.MalformedStatusLine;
                }
            }

            MinorVersion = b[7] - '0';
            StatusCode = (int)code;
            return HttpResult.Ok;
        }

        private HttpResult ParseFieldLine(byte[] b, int start, int end)
        {
            if (HeaderCount == HttpLimits.MaxHeaderCount)
            {
                return HttpResult.TooManyHeaders;
            }

            // A line starting with whitespace is obs-fold (RFC 9112 §5.2): refused rather than
            // unfolded, since the ingest server never folds and refusing cannot hide a field.
            int colon = start;
            bool[] tokenChars = HttpSyntax.TokenChars;
            while (colon < end && tokenChars[b[colon]])
            {
                colon++;
            }

            if (colon == start || colon == end || b[colon] != ':')
            {
                return HttpResult.MalformedHeader;
            }

            int valueStart = colon + 1;
            int valueEnd = end;
            while (valueStart < valueEnd && HttpSyntax.IsWhitespace(b[valueStart]))
            {
                valueStart++;
            }

            while (valueEnd > valueStart && HttpSyntax.IsWhitespace(b[valueEnd - 1]))
            {
                valueEnd--;
            }

            // HttpSyntax.IsFieldValueChar written out: a call per byte is the dearest part of this loop on the device.
            for (int i = valueStart; i < valueEnd; i++)
            {
                int c = b[i];
                if ((c < ' ' && c != '\t') || c == 0x7F)
                {
                    return HttpResult.MalformedHeader;
                }
            }

            _nameOffset[HeaderCount] = start;
            _nameLength[HeaderCount] = colon - start;
            _valueOffset[HeaderCount] = valueStart;
            _valueLength[HeaderCount] = valueEnd - valueStart;
            HeaderCount++;
            return HttpResult.Ok;
        }
    }
}
