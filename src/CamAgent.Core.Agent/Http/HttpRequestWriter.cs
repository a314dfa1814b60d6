using System;
using System.Text;
using CamAgent.Core.Diagnostics;
using CamAgent.Core.Text;

namespace CamAgent.Core.Http
{
    /// <summary>
    /// Builds an HTTP/1.1 request head (RFC 9112 §3, §5) into a buffer allocated once.
    /// Usage: a Begin overload, any number of Add*/Append* calls, then <see cref="End"/>. They
    /// never fail on their own: if the head outgrows the buffer the writer remembers it and
    /// <see cref="End"/> returns <see cref="HttpResult.RequestTooLarge"/>. Names and values come from
    /// Core itself, so a CR, LF or non-ASCII character in them is a bug and throws.
    /// Fixed text is best passed as pre-encoded fragments (<see cref="Append"/>, copied natively):
    /// on the device's interpreter every character taken from a string is a managed step, and a
    /// head built from strings costs a few hundred of them. A caller that sends heads which differ
    /// only at their end can keep the common prefix in the buffer and <see cref="Rewind"/> to it,
    /// as long as <see cref="Generation"/> shows no Begin since it was built.
    /// </summary>
    public sealed class HttpRequestWriter
    {
        private static readonly byte[] VersionAndHostName = Encoding.UTF8.GetBytes(" HTTP/1.1\r\nHost: ");
        private static readonly byte[] NameSeparator = Encoding.UTF8.GetBytes(": ");
        private static readonly byte[] LineEnd = Encoding.UTF8.GetBytes("\r\n");

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

        /// <summary>True when nothing has overflowed since the last Begin.</summary>
        public bool Fits
        {
            get { return !_overflow; }
        }

        /// <summary>Counts the Begin calls: a prefix built after Begin number g is intact while this is still g.</summary>
        public int Generation { get; private set; }

        /// <summary>Starts a request: request line (RFC 9112 §3) and Host (RFC 9112 §3.2, required in HTTP/1.1).</summary>
        public void Begin(string method, string target, string host)
        {
            Restart();
            AppendToken(method);
            AppendByte((byte)' ');
            AppendTargetAndHost(target, host);
        }

        /// <summary>
        /// As <see cref="Begin(string, string, string)"/> with the method and the space after it
        /// pre-encoded by the caller (for example the bytes of "PATCH ").
        /// </summary>
        public void Begin(byte[] methodAndSpace, string target, string host)
        {
            Restart();
            Append(methodAndSpace);
            AppendTargetAndHost(target, host);
        }

        public void AddHeader(string name, string value)
        {
            AppendToken(name);
            Append(NameSeparator);
            AppendText(value);
            Append(LineEnd);
        }

        public void AddHeader(string name, long value)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException("value");
            }

            AppendToken(name);
            Append(NameSeparator);
            AppendDecimal(value);
            Append(LineEnd);
        }

        /// <summary>Adds "name: prefix base64(data)" without an intermediate string.</summary>
        public void AddHeaderBase64(string name, string prefix, byte[] data, int offset, int count)
        {
            AppendToken(name);
            Append(NameSeparator);
            AppendText(prefix);
            AppendBase64(data, offset, count);
            Append(LineEnd);
        }

        /// <summary>
        /// Appends pre-encoded bytes as they are (one native copy). The caller built them from
        /// constant text of the protocol, so they are visible ASCII, CR and LF in their right places.
        /// </summary>
        public void Append(byte[] fragment)
        {
            if (fragment == null)
            {
                throw new ArgumentNullException("fragment");
            }

            if (_overflow || _length + fragment.Length > _buffer.Length)
            {
                _overflow = true;
                return;
            }

            Array.Copy(fragment, 0, _buffer, _length, fragment.Length);
            _length += fragment.Length;
        }

        /// <summary>Appends a non-negative integer in decimal (RFC 9110 §8.6 and tus 1.0.0 offsets), one step per digit.</summary>
        public void AppendDecimal(long value)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException("value");
            }

            int digits = DecimalDigits(value);
            if (_overflow || _length + digits > _buffer.Length)
            {
                _overflow = true;
                return;
            }

            // Counting the digits and writing them: one step per digit each.
            WorkCounters.AddRequestHeadCharSteps((2 * digits) - 1);
            for (int i = _length + digits - 1; i >= _length; i--)
            {
                _buffer[i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }

            _length += digits;
        }

        /// <summary>Appends the standard base64 (RFC 4648 §4) of the bytes, without an intermediate string.</summary>
        public void AppendBase64(byte[] data, int offset, int count)
        {
            int needed = Base64.EncodedLength(count);
            if (_overflow || _length + needed > _buffer.Length)
            {
                _overflow = true;
                return;
            }

            WorkCounters.AddRequestHeadCharSteps(needed);
            _length += Base64.Encode(data, offset, count, _buffer, _length);
        }

        /// <summary>
        /// Cuts the head back to its first <paramref name="length"/> bytes, a prefix the caller built
        /// since the last Begin (same <see cref="Generation"/>) and that fitted, to append a new end.
        /// </summary>
        public void Rewind(int length)
        {
            if (length < 0 || length > _length)
            {
                throw new ArgumentOutOfRangeException("length");
            }

            _length = length;
            _overflow = false;
        }

        /// <summary>Ends the head with the empty line; returns Ok or <see cref="HttpResult.RequestTooLarge"/>.</summary>
        public HttpResult End()
        {
            Append(LineEnd);
            WorkCounters.AddRequestHeadBytes(_length);
            return _overflow ? HttpResult.RequestTooLarge : HttpResult.Ok;
        }

        private void Restart()
        {
            _length = 0;
            _overflow = false;
            Generation++;
        }

        private void AppendTargetAndHost(string target, string host)
        {
            if (target == null || target.Length == 0 || target.IndexOf(' ') >= 0)
            {
                throw new ArgumentException("request target must be non-empty and without spaces");
            }

            AppendText(target);
            Append(VersionAndHostName);
            AppendText(host);
            Append(LineEnd);
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

        private static int DecimalDigits(long value)
        {
            int digits = 1;
            for (long rest = value / 10; rest > 0; rest /= 10)
            {
                digits++;
            }

            return digits;
        }
    }
}
