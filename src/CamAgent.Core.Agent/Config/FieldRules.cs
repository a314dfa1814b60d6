using CamAgent.Core.Text;

namespace CamAgent.Core.Config
{
    /// <summary>The per-field rules of configuration version 1 (docs/agent.md lists each with its error).</summary>
    internal static class FieldRules
    {
        // NIST P-256 group order n and field prime p, big-endian (FIPS 186-4 §D.1.2.3).
        private static readonly byte[] GroupOrder = new byte[]
        {
            0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
        };

        private static readonly byte[] FieldPrime = new byte[]
        {
            0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        };

        private const int CoordinateBytes = 32;

        internal static ConfigResult CheckIdentity(ConfigText text, DeviceConfig config)
        {
            long serial;
            if (!TryParseNumber(text.Value(ConfigKeys.SerialIndex), out serial) || serial < 1)
            {
                return ConfigValidator.Fail(text, ConfigError.InvalidNumber, ConfigKeys.SerialIndex, "must be a positive decimal integer without leading zeros");
            }

            string id = text.Value(ConfigKeys.DeviceIdIndex);
            if (!IsDeviceId(id))
            {
                return ConfigValidator.Fail(text, ConfigError.DeviceIdInvalid, ConfigKeys.DeviceIdIndex, "1-64 characters a-z, 0-9 and '-', starting and ending with a letter or digit");
            }

            string reason;
            ConfigError hostError = HostNameRule.Check(text.Value(ConfigKeys.AgencyHostIndex), out reason);
            if (hostError != ConfigError.None)
            {
                return ConfigValidator.Fail(text, hostError, ConfigKeys.AgencyHostIndex, reason);
            }

            string address = text.Value(ConfigKeys.AgencyAddressIndex);
            if (address != null && !HostNameRule.IsUnicastIpv4(address))
            {
                return ConfigValidator.Fail(text, ConfigError.AgencyAddressInvalid, ConfigKeys.AgencyAddressIndex, "must be a unicast IPv4 address in dotted-decimal form (four numbers 0-255 without leading zeros)");
            }

            config.Serial = serial;
            config.DeviceId = id;
            config.AgencyHost = text.Value(ConfigKeys.AgencyHostIndex);
            config.AgencyAddress = address;
            return null;
        }

        internal static ConfigResult CheckKeys(ConfigText text, DeviceConfig config)
        {
            string signer = text.Value(ConfigKeys.DeviceSignerIndex);
            string key = text.Value(ConfigKeys.DeviceKeyIndex);
            if (signer == "software")
            {
                byte[] scalar;
                if (key == null)
                {
                    return ConfigValidator.Fail(text, ConfigError.MissingField, ConfigKeys.DeviceKeyIndex, "required with device.signer = software");
                }

                if (!Base64.TryDecode(key, ConfigLimits.PrivateKeyBytes, out scalar) || scalar.Length != ConfigLimits.PrivateKeyBytes || !IsValidScalar(scalar))
                {
                    return ConfigValidator.Fail(text, ConfigError.DeviceKeyInvalid, ConfigKeys.DeviceKeyIndex, "must be base64 of a 32-byte P-256 private key in [1, n-1]");
                }

                config.Signer = SignerChoice.Software;
                config.DeviceKey = scalar;
            }
            else if (signer == "secure-element")
            {
                if (key != null)
                {
                    return ConfigValidator.Fail(text, ConfigError.DeviceKeyNotAllowed, ConfigKeys.DeviceKeyIndex, "a secure-element device must not carry a private key");
                }

                config.Signer = SignerChoice.SecureElement;
            }
            else
            {
                return ConfigValidator.Fail(text, ConfigError.SignerKindUnknown, ConfigKeys.DeviceSignerIndex, "must be 'software' or 'secure-element'");
            }

            byte[] receipt;
            if (!Base64.TryDecode(text.Value(ConfigKeys.ReceiptKeyIndex), ConfigLimits.PublicKeyBytes, out receipt) || !IsPlausiblePoint(receipt))
            {
                return ConfigValidator.Fail(text, ConfigError.ReceiptKeyInvalid, ConfigKeys.ReceiptKeyIndex, "must be base64 of a 65-byte uncompressed P-256 point (0x04 || X || Y)");
            }

            config.ReceiptPublicKey = receipt;
            return null;
        }

        internal static ConfigResult CheckNetworkAndLimits(ConfigText text, DeviceConfig config)
        {
            string ssid = text.Value(ConfigKeys.WifiSsidIndex);
            if (ssid.Length > ConfigLimits.MaxSsidBytes)
            {
                return ConfigValidator.Fail(text, ConfigError.WifiSsidInvalid, ConfigKeys.WifiSsidIndex, "1-32 printable ASCII characters");
            }

            string password = text.Value(ConfigKeys.WifiPasswordIndex);
            if (password == null)
            {
                password = "";
            }

            if (!IsWifiPassword(password))
            {
                return ConfigValidator.Fail(text, ConfigError.WifiPasswordInvalid, ConfigKeys.WifiPasswordIndex, "empty (open network), 8-63 characters, or 64 hex digits");
            }

            int chunk, timeout, backoff;
            ConfigResult error = ReadBounded(text, ConfigKeys.ChunkSizeIndex, ConfigLimits.DefaultChunkSizeBytes, ConfigLimits.MinChunkSizeBytes, ConfigLimits.MaxChunkSizeBytes, out chunk);
            if (error == null && (chunk & (chunk - 1)) != 0)
            {
                error = ConfigValidator.Fail(text, ConfigError.ChunkSizeInvalid, ConfigKeys.ChunkSizeIndex, "must be a power of two");
            }

            if (error == null)
            {
                error = ReadBounded(text, ConfigKeys.ConnectTimeoutIndex, ConfigLimits.DefaultConnectTimeoutMs, ConfigLimits.MinConnectTimeoutMs, ConfigLimits.MaxConnectTimeoutMs, out timeout);
                config.ConnectTimeoutMs = timeout;
            }

            if (error == null)
            {
                error = ReadBounded(text, ConfigKeys.MaxBackoffIndex, ConfigLimits.DefaultMaxBackoffMs, ConfigLimits.MinMaxBackoffMs, ConfigLimits.MaxMaxBackoffMs, out backoff);
                config.MaxBackoffMs = backoff;
            }

            config.WifiSsid = ssid;
            config.WifiPassword = password;
            config.ChunkSizeBytes = chunk;
            return error;
        }

        private static ConfigResult ReadBounded(ConfigText text, int index, int defaultValue, int min, int max, out int value)
        {
            value = defaultValue;
            string raw = text.Value(index);
            if (raw == null)
            {
                return null;
            }

            long parsed;
            if (!TryParseNumber(raw, out parsed))
            {
                return ConfigValidator.Fail(text, ConfigError.InvalidNumber, index, "must be a decimal integer without sign or leading zeros");
            }

            if (parsed < min || parsed > max)
            {
                return ConfigValidator.Fail(text, ConfigError.OutOfRange, index, "must be between " + min.ToString() + " and " + max.ToString());
            }

            value = (int)parsed;
            return null;
        }

        /// <summary>Canonical unsigned decimal: digits only, no leading zero, at most 15 digits.</summary>
        internal static bool TryParseNumber(string raw, out long value)
        {
            value = 0;
            if (raw == null || raw.Length == 0 || raw.Length > ConfigLimits.MaxNumberDigits || (raw.Length > 1 && raw[0] == '0'))
            {
                return false;
            }

            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i] < '0' || raw[i] > '9')
                {
                    return false;
                }

                value = value * 10 + (raw[i] - '0');
            }

            return true;
        }

        private static bool IsDeviceId(string id)
        {
            if (id.Length > ConfigLimits.MaxDeviceIdChars || id[0] == '-' || id[id.Length - 1] == '-')
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsWifiPassword(string password)
        {
            if (password.Length == 0 || (password.Length >= ConfigLimits.MinPassphraseChars && password.Length <= ConfigLimits.MaxPassphraseChars))
            {
                return true;
            }

            if (password.Length != ConfigLimits.RawPskHexChars)
            {
                return false;
            }

            for (int i = 0; i < password.Length; i++)
            {
                char c = password[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsValidScalar(byte[] scalar)
        {
            bool zero = true;
            for (int i = 0; i < scalar.Length; i++)
            {
                zero &= scalar[i] == 0;
            }

            return !zero && IsBelow(scalar, 0, GroupOrder);
        }

        /// <summary>Length, prefix and coordinate range; the on-curve check is the receipt verifier's.</summary>
        private static bool IsPlausiblePoint(byte[] point)
        {
            return point.Length == ConfigLimits.PublicKeyBytes && point[0] == 0x04
                && IsBelow(point, 1, FieldPrime) && IsBelow(point, 1 + CoordinateBytes, FieldPrime);
        }

        private static bool IsBelow(byte[] value, int offset, byte[] bound)
        {
            for (int i = 0; i < CoordinateBytes; i++)
            {
                if (value[offset + i] != bound[i])
                {
                    return value[offset + i] < bound[i];
                }
            }

            return false;
        }
    }
}
