using System;
using CamAgent.Core.Diagnostics;
using CamAgent.Core.Text;

namespace CamAgent.Core.Http
{
    /// <summary>
    /// Builds an HTTP/1.1 request head (RFC 9112 §3, §5) into a buffer allocated once.
    /// Usage: <see cref="Begin"/>, any number of Add* calls, then <see cref="End"/>. Add* calls
    /// never fail on their own: if the head outgrows the buffer the writer remembers it and
    /// <see cref="End"/> returns <see cref="HttpResult.RequestTooLarge"/>. Names and values come from
    /// Core itself, so a CR, LF or non-ASCII character in them is a bug and throws.
    /// </summary>
    public sealed class HttpRequestWriter
    {
        private readonly byte[] _buffer;
        private int _length;
        private bool _overflow;

        /// <param name="capacityBytes">Largest request head this writer can build.</param>
        public HttpRequestWriter(int capacityBytes)
        {
            if (capacityBytes < 64)
            {
                throw new ArgumentOutOfRangeException("capacityBytes");
            }

            _buffer = new byte[capacityBytes];
        }

        /// <summary>The head built so far; valid after <see cref="End"/> returned Ok. Owned by the writer.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Bytes of <see cref="Buffer"/> in use.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Starts a request: request line (RFC 9112 §3) and Host (RFC 9112 §3.2, required in HTTP/1.1).</summary>
        public void Begin(string method, string target, string host)
        {
            _length = 0;
            _overflow = false;
            AppendToken(method);
            AppendByte((byte)' ');
            if (target == null || target.Length == 0 || target.IndexOf(' ') >= 0)
            {
                throw new ArgumentException("request target must be non-empty and without spaces");
            }

            AppendText(target);
            AppendAscii(" HTTP/1.1\r\nHost: ");
            AppendText(host);
            AppendCrLf();
        }

        public void AddHeader(string name, string value)
        {
            AppendToken(name);
            AppendAscii(": ");
            AppendText(value);
            AppendCrLf();
        }

        public void AddHeader(string name, long value)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException("value");
            }

            AppendToken(name);
            AppendAscii(": ");
            AppendDecimal(value);
            AppendCrLf();
        }

        /// <summary>Adds "name: prefix base64(data)" without an intermediate string.</summary>
        public void AddHeaderBase64(string name, string prefix, byte[] data, int offset, int count)
        {
            AppendToken(name);
            AppendAscii(": ");
            AppendText(prefix);
            int needed = Base64.EncodedLength(count);
            if (_overflow || _length + needed > _buffer.Length)
            {
                _overflow = true;
                return;
            }

            WorkCounters.AddRequestHeadCharSteps(needed);
            _length += Base64.Encode(data, offset, count, _buffer, _length);
            AppendCrLf();
        }

        /// <summary>Ends the head with the empty line; returns Ok or <see cref="HttpResult.RequestTooLarge"/>.</summary>
        public HttpResult End()
        {
            AppendCrLf();
            WorkCounters.AddRequestHeadBytes(_length);
            return _overflow ? HttpResult.RequestTooLarge : HttpResult.Ok;
        }

        private void AppendToken(string token)
        {
            if (token == null || token.Length == 0)
            {
                throw new ArgumentException("empty token");
            }

            WorkCounters.AddRequestHeadCharSteps(token.Length);
            for (int i = 0; i < token.Length; i++)
            {
                if (!HttpSyntax.IsTokenChar(token[i]))
                {
                    throw new ArgumentException("not an HTTP token: " + token);
                }
            }

            AppendAscii(token);
        }

        private void AppendText(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }

            WorkCounters.AddRequestHeadCharSteps(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < ' ' || c > '~')
                {
                    throw new ArgumentException("request text must be visible ASCII");
                }
            }

            AppendAscii(text);
        }

        private void AppendAscii(string text)
        {
            if (_overflow || _length + text.Length > _buffer.Length)
            {
                _overflow = true;
                return;
            }

            WorkCounters.AddRequestHeadCharSteps(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                _buffer[_length++] = (byte)text[i];
            }
        }

        private void AppendDecimal(long value)
        {
            int digits = 1;
            for (long rest = value / 10; rest > 0; rest /= 10)
            {
                digits++;
            }

            if (_overflow || _length + digits > _buffer.Length)
            {
                _overflow = true;
                return;
            }

            WorkCounters.AddRequestHeadCharSteps((2 * digits) - 1);
            for (int i = digits - 1; i >= 0; i--)
            {
                _buffer[_length + i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }

            _length += digits;
        }

        private void AppendCrLf()
        {
            AppendByte((byte)'\r');
            AppendByte((byte)'\n');
        }

        private void AppendByte(byte value)
        {
            if (_overflow || _length >= _buffer.Length)
            {
                _overflow = true;
                return;
            }

            WorkCounters.AddRequestHeadCharSteps(1);
            _buffer[_length++] = value;
        }
    }
}
