using System;
using System.IO;
using System.Text;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Http
{
    /// <summary>
    /// Reads HTTP/1.1 responses (RFC 9112) from a stream into one buffer allocated at construction.
    /// Tolerates any read size, including one byte per Read. Message framing (RFC 9112 §6.3):
    /// responses to HEAD and 1xx/204/304 have no body; otherwise only a Content-Length body keeps
    /// the connection reusable. A Transfer-Encoding or close-delimited body is never decoded,
    /// because no tus answer the client needs has a body: the head is still returned (its status
    /// and fields are valid) and the connection is marked not reusable.
    /// </summary>
    public sealed class HttpResponseReader
    {
        // Framing fields (RFC 9112 §6.3, §9.6), encoded once: matching them reads no string.
        private static readonly byte[] TransferEncodingName = Encoding.UTF8.GetBytes("Transfer-Encoding");
        private static readonly byte[] ContentLengthName = Encoding.UTF8.GetBytes("Content-Length");
        private static readonly byte[] ConnectionName = Encoding.UTF8.GetBytes("Connection");
        private static readonly byte[] CloseToken = Encoding.UTF8.GetBytes("close");

        private readonly byte[] _buffer;
        private readonly HttpResponseHead _head = new HttpResponseHead();

        // Where the scanner saw each line end (the CR), so the parser need not search for them again.
        private readonly int[] _lineEnds = new int[HttpResponseHead.LinesNeeded];
        private int _consumed;
        private int _end;
        private int _headLength;
        private long _bodyRemaining;
        private bool _messageOpen;

        /// <param name="bufferBytes">Capacity for one response head; see <see cref="HttpLimits.MaxResponseHeadBytes"/>.</param>
        public HttpResponseReader(int bufferBytes)
        {
            if (bufferBytes < HttpLimits.MaxStatusLineBytes)
            {
                throw new ArgumentOutOfRangeException("bufferBytes");
            }

            _buffer = new byte[bufferBytes];
        }

        /// <summary>The last head read; valid after <see cref="ReadHead"/> returned Ok.</summary>
        public HttpResponseHead Head
        {
            get { return _head; }
        }

        /// <summary>Body length announced by Content-Length, 0 when bodyless, -1 when not framed by Content-Length.</summary>
        public long BodyLength { get; private set; }

        /// <summary>Whether another request may be sent on this connection once the body was discarded.</summary>
        public bool KeepAlive { get; private set; }

        /// <summary>Why the stream failed when a call returned <see cref="HttpResult.TransportFailed"/>.</summary>
        public TransportStatus TransportStatus { get; private set; }

        /// <summary>Forgets buffered bytes; call when the reader is used on a new connection.</summary>
        public void Reset()
        {
            _consumed = 0;
            _end = 0;
            _headLength = 0;
            _bodyRemaining = 0;
            _messageOpen = false;
            KeepAlive = false;
        }

        /// <summary>
        /// Reads the next final response head, skipping interim 1xx responses (RFC 9110 §15.2).
        /// <paramref name="requestWasHead"/> says the request was HEAD, whose response has no body.
        /// Statuses: Ok, ConnectionClosed, TransportFailed, and the syntax/limit failures of <see cref="HttpResult"/>.
        /// </summary>
        public HttpResult ReadHead(Stream stream, bool requestWasHead)
        {
            if (stream == null)
            {
                throw new ArgumentNullException("stream");
            }

            if (_messageOpen)
            {
                throw new InvalidOperationException("DiscardBody must follow every successful ReadHead");
            }

            for (int interim = 0; interim <= HttpLimits.MaxInterimResponses; interim++)
            {
                HttpResult result = ReadOneHead(stream);
                if (result != HttpResult.Ok)
                {
                    KeepAlive = false;
                    return result;
                }

                if (_head.StatusCode >= 200)
                {
                    _messageOpen = true;
                    return DetermineFraming(requestWasHead);
                }

                _consumed = _headLength;
            }

            KeepAlive = false;
            return HttpResult.TooManyInterimResponses;
        }

        /// <summary>
        /// Consumes the body of the last response so the connection can carry the next request.
        /// Bodies that are unframed or larger than <see cref="HttpLimits.MaxDrainedBodyBytes"/> are
        /// not read; <see cref="KeepAlive"/> becomes false instead. The head stays valid until the
        /// next <see cref="ReadHead"/>: drained bytes go to the free space after it, and never more
        /// than the body is read from the stream.
        /// </summary>
        public HttpResult DiscardBody(Stream stream)
        {
            if (stream == null)
            {
                throw new ArgumentNullException("stream");
            }

            _messageOpen = false;
            int scratch = _headLength;
            if (BodyLength < 0 || BodyLength > HttpLimits.MaxDrainedBodyBytes || _buffer.Length == scratch)
            {
                KeepAlive = false;
                _consumed = _end;
                return HttpResult.Ok;
            }

            int buffered = _end - scratch;
            int fromBuffer = buffered < _bodyRemaining ? buffered : (int)_bodyRemaining;
            _bodyRemaining -= fromBuffer;
            _consumed = scratch + fromBuffer;
            if (_bodyRemaining == 0)
            {
                return HttpResult.Ok;
            }

            _end = scratch;
            while (_bodyRemaining > 0)
            {
                int want = _buffer.Length - scratch;
                int read = ReadSome(stream, scratch, want < _bodyRemaining ? want : (int)_bodyRemaining);
                if (read <= 0)
                {
                    KeepAlive = false;
                    return read == 0 ? HttpResult.ConnectionClosed : HttpResult.TransportFailed;
                }

                _bodyRemaining -= read;
            }

            _consumed = scratch;
            return HttpResult.Ok;
        }

        private HttpResult ReadOneHead(Stream stream)
        {
            CompactAfter(_consumed);
            byte[] buffer = _buffer;
            int lineStart = 0;
            int position = 0;
            int limit = HttpLimits.MaxStatusLineBytes;
            bool afterCr = false;
            int lines = 0;
            while (true)
            {
                // Every byte of every response passes here: on the device each check is an
                // interpreted instruction, so the common byte (not LF) takes as few as it can.
                int end = _end;
                while (position < end)
                {
                    byte c = buffer[position];
                    if (afterCr && c != '\n')
                    {
                        return lineStart == 0 ? HttpResult.MalformedStatusLine : HttpResult.MalformedHeader;
                    }

                    position++;
                    if (position - lineStart > limit)
                    {
                        return lineStart == 0 ? HttpResult.StatusLineTooLong : HttpResult.HeaderLineTooLong;
                    }

                    afterCr = c == '\r';
                    if (c != '\n')
                    {
                        continue;
                    }

                    int lineLength = position - lineStart;
                    if (lineLength < 2 || buffer[position - 2] != '\r')
                    {
                        return lineStart == 0 ? HttpResult.MalformedStatusLine : HttpResult.MalformedHeader;
                    }

                    if (lineLength == 2)
                    {
                        if (lineStart == 0)
                        {
                            return HttpResult.MalformedStatusLine;
                        }

                        _headLength = position;
                        return _head.Parse(buffer, position, _lineEnds, lines);
                    }

                    if (lines < _lineEnds.Length)
                    {
                        _lineEnds[lines++] = position - 2;
                    }

                    lineStart = position;
                    limit = HttpLimits.MaxHeaderLineBytes;
                }

                if (_end == _buffer.Length)
                {
                    return HttpResult.HeadTooLarge;
                }

                int read = ReadSome(stream, _end, _buffer.Length - _end);
                if (read <= 0)
                {
                    return read == 0 ? HttpResult.ConnectionClosed : HttpResult.TransportFailed;
                }

                _end += read;
            }
        }

        private HttpResult DetermineFraming(bool requestWasHead)
        {
            int status = _head.StatusCode;
            KeepAlive = _head.MinorVersion == 1 && !ConnectionCloseRequested();
            if (_head.IndexOf(TransferEncodingName) >= 0)
            {
                // RFC 9112 §6.3 rule 3: Transfer-Encoding overrides Content-Length.
                BodyLength = requestWasHead || status == 204 || status == 304 ? 0 : -1;
                KeepAlive = KeepAlive && BodyLength == 0;
                _bodyRemaining = 0;
                return HttpResult.Ok;
            }

            long contentLength = -1;
            if (_head.IndexOf(ContentLengthName) >= 0 && !TryGetContentLength(out contentLength))
            {
                KeepAlive = false;
                return HttpResult.BadContentLength;
            }

            if (requestWasHead || status == 204 || status == 304)
            {
                BodyLength = 0;
            }
            else
            {
                BodyLength = contentLength;
                KeepAlive = KeepAlive && contentLength >= 0;
            }

            _bodyRemaining = BodyLength > 0 ? BodyLength : 0;
            return HttpResult.Ok;
        }

        private bool TryGetContentLength(out long value)
        {
            // RFC 9112 §6.3 rule 5: repeated identical values may be accepted; differing ones are fatal.
            value = -1;
            byte[] b = _head.Buffer;
            for (int i = 0; i < _head.HeaderCount; i++)
            {
                int offset;
                int count;
                if (!_head.TryGetField(i, ContentLengthName, out offset, out count))
                {
                    continue;
                }

                long parsed;
                if (!HttpSyntax.TryParseDecimal(b, offset, count, long.MaxValue, out parsed) || (value >= 0 && parsed != value))
                {
                    return false;
                }

                value = parsed;
            }

            return value >= 0;
        }

        private bool ConnectionCloseRequested()
        {
            int offset;
            int count;
            for (int i = 0; i < _head.HeaderCount; i++)
            {
                if (_head.TryGetField(i, ConnectionName, out offset, out count) && ContainsToken(_head.Buffer, offset, count, CloseToken))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ContainsToken(byte[] b, int offset, int count, byte[] token)
        {
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                while (i < end && (HttpSyntax.IsWhitespace(b[i]) || b[i] == ','))
                {
                    i++;
                }

                int start = i;
                while (i < end && b[i] != ',' && !HttpSyntax.IsWhitespace(b[i]))
                {
                    i++;
                }

                if (HttpSyntax.EqualsIgnoreCase(b, start, i - start, token))
                {
                    return true;
                }
            }

            return false;
        }

        private void CompactAfter(int consumed)
        {
            int remaining = _end - consumed;
            if (remaining > 0 && consumed > 0)
            {
                Array.Copy(_buffer, consumed, _buffer, 0, remaining);
            }

            _consumed = 0;
            _end = remaining > 0 ? remaining : 0;
            _headLength = 0;
        }

        /// <summary>Returns bytes read (&gt; 0), 0 when the peer closed, -1 when the stream failed.</summary>
        private int ReadSome(Stream stream, int offset, int count)
        {
            try
            {
                return stream.Read(_buffer, offset, count);
            }
            catch (TransportException e)
            {
                TransportStatus = e.Status;
                return -1;
            }
            catch (IOException)
            {
                TransportStatus = TransportStatus.Closed;
                return -1;
            }
        }
    }
}
