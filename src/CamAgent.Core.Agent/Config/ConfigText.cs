using CamAgent.Core.Egress;

namespace CamAgent.Core.Config
{
    /// <summary>
    /// Splits configuration bytes into key/value pairs (docs/agent.md, "Configuration format"):
    /// printable ASCII, LF line ends, '#' comment lines, blank lines, "key = value" with the first
    /// '=' as separator and spaces around key and value ignored. Structural errors only; values
    /// are judged by <see cref="ConfigValidator"/>.
    /// </summary>
    public sealed class ConfigText
    {
        private readonly string[] _values = new string[ConfigKeys.All.Length];
        private readonly int[] _lines = new int[ConfigKeys.All.Length];

        /// <summary>Value of the key at <paramref name="index"/> (see <see cref="ConfigKeys"/>), or null when absent.</summary>
        public string Value(int index)
        {
            return _values[index];
        }

        /// <summary>1-based line of the key at <paramref name="index"/>, or 0 when absent.</summary>
        public int Line(int index)
        {
            return _lines[index];
        }

        /// <summary>Parses <paramref name="count"/> bytes; returns null on success or the first structural error.</summary>
        public ConfigResult Parse(byte[] data, int offset, int count)
        {
            if (count > ConfigLimits.MaxConfigBytes)
            {
                return ConfigResult.Fail(ConfigError.TooLarge, "", 0, "larger than " + ConfigLimits.MaxConfigBytes.ToString() + " bytes");
            }

            int lineNumber = 0;
            int position = offset;
            int end = offset + count;
            while (position < end)
            {
                lineNumber++;
                int lineEnd = position;
                while (lineEnd < end && data[lineEnd] != (byte)'\n')
                {
                    lineEnd++;
                }

                ConfigResult error = ParseLine(data, position, lineEnd, lineNumber);
                if (error != null)
                {
                    return error;
                }

                position = lineEnd + 1;
            }

            return null;
        }

        private ConfigResult ParseLine(byte[] data, int start, int end, int lineNumber)
        {
            if (end - start > ConfigLimits.MaxLineBytes)
            {
                return ConfigResult.Fail(ConfigError.LineTooLong, "", lineNumber, "line longer than " + ConfigLimits.MaxLineBytes.ToString() + " bytes");
            }

            for (int i = start; i < end; i++)
            {
                if (data[i] == (byte)'\r')
                {
                    return ConfigResult.Fail(ConfigError.CarriageReturn, "", lineNumber, "carriage return found; lines must end with LF only");
                }

                if (data[i] < 0x20 || data[i] > 0x7E)
                {
                    return ConfigResult.Fail(ConfigError.NotPrintableAscii, "", lineNumber, "byte 0x" + data[i].ToString("X2") + " is not printable ASCII");
                }
            }

            string line = Trim(data, start, end);
            if (line.Length == 0 || line[0] == '#')
            {
                return null;
            }

            int separator = line.IndexOf('=');
            if (separator < 0)
            {
                return ConfigResult.Fail(ConfigError.MalformedLine, "", lineNumber, "expected 'key = value'");
            }

            string key = line.Substring(0, separator).Trim();
            string value = line.Substring(separator + 1).Trim();
            return Store(key, value, lineNumber);
        }

        private ConfigResult Store(string key, string value, int lineNumber)
        {
            if (!IsKeySyntax(key))
            {
                return ConfigResult.Fail(ConfigError.InvalidKey, "", lineNumber, "keys are lowercase letters, digits, '.' and '_'");
            }

            int index = ConfigKeys.IndexOf(key);
            if (index < 0)
            {
                return UnknownKey(key, lineNumber);
            }

            if (_values[index] != null)
            {
                return ConfigResult.Fail(ConfigError.DuplicateKey, key, lineNumber, "already set on line " + _lines[index].ToString());
            }

            _values[index] = value;
            _lines[index] = lineNumber;
            return null;
        }

        private static ConfigResult UnknownKey(string key, int lineNumber)
        {
            // Name the real reason when a key tries to choose the endpoint.
            if (ContainsWord(key, "port"))
            {
                return ConfigResult.Fail(ConfigError.PortNotConfigurable, key, lineNumber, "the port is fixed at " + EgressGate.AgencyPort.ToString() + " and cannot be configured");
            }

            if (ContainsWord(key, "url") || ContainsWord(key, "uri") || ContainsWord(key, "endpoint") || ContainsWord(key, "scheme"))
            {
                return ConfigResult.Fail(ConfigError.SchemeNotAllowed, key, lineNumber, "the endpoint is named by agency.host only; scheme and port are fixed (TLS on " + EgressGate.AgencyPort.ToString() + ")");
            }

            return ConfigResult.Fail(ConfigError.UnknownKey, key, lineNumber, "unknown key");
        }

        private static bool ContainsWord(string key, string word)
        {
            return key.IndexOf(word) >= 0;
        }

        private static bool IsKeySyntax(string key)
        {
            if (key.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Trim(byte[] data, int start, int end)
        {
            char[] chars = new char[end - start];
            for (int i = start; i < end; i++)
            {
                chars[i - start] = (char)data[i];
            }

            return new string(chars).Trim();
        }
    }
}
