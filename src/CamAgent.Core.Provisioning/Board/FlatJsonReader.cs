using System.Text;

namespace CamAgent.Core.Board
{
    /// <summary>
    /// Reads one flat JSON object (RFC 8259 §4) whose values are strings (§7), integers (§6,
    /// no fraction or exponent) or the literals true and false: exactly what board profiles
    /// contain. Nested objects, arrays, null and non-integer numbers are refused. Input is UTF-8
    /// bytes; string escapes of §7 are decoded (\uXXXX for the Basic Multilingual Plane only).
    /// Call <see cref="Begin"/>, then <see cref="Next"/> until it returns false; a false with
    /// <see cref="IsMalformed"/> set means the text is not such an object.
    /// </summary>
    public sealed class FlatJsonReader
    {
        private const int MaxIntegerDigits = 9;
        private const int HexDigitsInEscape = 4;

        private readonly StringBuilder _text = new StringBuilder();
        private byte[] _buffer;
        private int _position;
        private int _end;
        private bool _first;

        public bool IsMalformed { get; private set; }

        public string Name { get; private set; }

        public JsonValueKind Kind { get; private set; }

        public string StringValue { get; private set; }

        public int IntegerValue { get; private set; }

        public bool BooleanValue { get; private set; }

        /// <summary>Starts reading <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public void Begin(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new System.ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new System.ArgumentOutOfRangeException("count");
            }

            _buffer = buffer;
            _position = offset;
            _end = offset + count;
            _first = true;
            IsMalformed = !Expect((byte)'{');
        }

        /// <summary>Reads the next member into Name and the value properties; false at the end or on malformed input.</summary>
        public bool Next()
        {
            if (IsMalformed)
            {
                return false;
            }

            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                SkipWhitespace();
                IsMalformed = _position != _end;
                return false;
            }

            if (!_first && !Expect((byte)','))
            {
                return Fail();
            }

            _first = false;
            string name;
            if (!Expect((byte)'"') || !ReadStringBody(out name) || !Expect((byte)':'))
            {
                return Fail();
            }

            Name = name;
            return ReadValue() || Fail();
        }

        private bool ReadValue()
        {
            SkipWhitespace();
            int c = Peek();
            if (c == '"')
            {
                _position++;
                string value;
                Kind = JsonValueKind.String;
                bool ok = ReadStringBody(out value);
                StringValue = value;
                return ok;
            }

            if (c == 't' || c == 'f')
            {
                Kind = JsonValueKind.Boolean;
                BooleanValue = c == 't';
                return ReadLiteral(BooleanValue ? "true" : "false");
            }

            Kind = JsonValueKind.Integer;
            return ReadInteger();
        }

        private bool ReadInteger()
        {
            bool negative = Peek() == '-';
            if (negative)
            {
                _position++;
            }

            int start = _position;
            int value = 0;
            while (_position < _end && _buffer[_position] >= '0' && _buffer[_position] <= '9')
            {
                value = (value * 10) + (_buffer[_position] - '0');
                _position++;
            }

            int digits = _position - start;
            bool leadingZero = digits > 1 && _buffer[start] == '0';
            if (digits == 0 || digits > MaxIntegerDigits || leadingZero)
            {
                return false;
            }

            IntegerValue = negative ? -value : value;
            return true;
        }

        private bool ReadLiteral(string literal)
        {
            for (int i = 0; i < literal.Length; i++)
            {
                if (_position >= _end || _buffer[_position] != literal[i])
                {
                    return false;
                }

                _position++;
            }

            return true;
        }

        private bool ReadStringBody(out string value)
        {
            value = null;
            _text.Clear();
            int runStart = _position;
            while (_position < _end)
            {
                byte b = _buffer[_position];
                if (b == '"' || b == '\\')
                {
                    AppendUtf8(runStart, _position);
                    _position++;
                    if (b == '"')
                    {
                        value = _text.ToString();
                        return true;
                    }

                    if (!ReadEscape())
                    {
                        return false;
                    }

                    runStart = _position;
                    continue;
                }

                if (b < 0x20)
                {
                    return false;
                }

                _position++;
            }

            return false;
        }

        private bool ReadEscape()
        {
            if (_position >= _end)
            {
                return false;
            }

            byte e = _buffer[_position++];
            switch (e)
            {
                case (byte)'"': _text.Append('"'); return true;
                case (byte)'\\': _text.Append('\\'); return true;
                case (byte)'/': _text.Append('/'); return true;
                case (byte)'b': _text.Append('\b'); return true;
                case (byte)'f': _text.Append('\f'); return true;
                case (byte)'n': _text.Append('\n'); return true;
                case (byte)'r': _text.Append('\r'); return true;
                case (byte)'t': _text.Append('\t'); return true;
                case (byte)'u': return ReadUnicodeEscape();
                default: return false;
            }
        }

        private bool ReadUnicodeEscape()
        {
            if (_end - _position < HexDigitsInEscape)
            {
                return false;
            }

            int code = 0;
            for (int i = 0; i < HexDigitsInEscape; i++)
            {
                int digit = HexValue(_buffer[_position++]);
                if (digit < 0)
                {
                    return false;
                }

                code = (code << 4) | digit;
            }

            _text.Append((char)code);
            return true;
        }

        private void AppendUtf8(int start, int end)
        {
            if (end > start)
            {
                _text.Append(new string(Encoding.UTF8.GetChars(_buffer, start, end - start)));
            }
        }

        private static int HexValue(byte b)
        {
            if (b >= '0' && b <= '9')
            {
                return b - '0';
            }

            if (b >= 'a' && b <= 'f')
            {
                return b - 'a' + 10;
            }

            if (b >= 'A' && b <= 'F')
            {
                return b - 'A' + 10;
            }

            return -1;
        }

        private bool Expect(byte expected)
        {
            SkipWhitespace();
            if (_position < _end && _buffer[_position] == expected)
            {
                _position++;
                return true;
            }

            return false;
        }

        private int Peek()
        {
            return _position < _end ? _buffer[_position] : -1;
        }

        private void SkipWhitespace()
        {
            while (_position < _end)
            {
                byte b = _buffer[_position];
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r')
                {
                    return;
                }

                _position++;
            }
        }

        private bool Fail()
        {
            IsMalformed = true;
            return false;
        }
    }
}
