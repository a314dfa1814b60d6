using CamAgent.Core.Text;
using CamAgent.Core.X509;

namespace CamAgent.Core.Config
{
    /// <summary>
    /// Validates a configuration as a whole (docs/agent.md, "Configuration format"): structure,
    /// then every field, then the cross-field rules (device id = certificate CN, key matches
    /// certificate). The first error wins and is returned with its field and line; nothing is
    /// produced unless everything passed. Validation allocates (it runs on provisioning, not in
    /// the upload loop).
    /// </summary>
    public sealed class ConfigValidator
    {
        private readonly ICredentialCheck _credentials;
        private readonly CertificateFacts _facts = new CertificateFacts();

        /// <param name="credentials">Checks that the key belongs to the certificate; required.</param>
        public ConfigValidator(ICredentialCheck credentials)
        {
            if (credentials == null)
            {
                throw new System.ArgumentNullException("credentials");
            }

            _credentials = credentials;
        }

        /// <summary>Validates <paramref name="count"/> bytes of configuration text. Never throws for bad input.</summary>
        public ConfigResult Validate(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new System.ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new System.ArgumentOutOfRangeException("offset");
            }

            ConfigText text = new ConfigText();
            ConfigResult error = text.Parse(data, offset, count);
            if (error != null)
            {
                return error;
            }

            error = CheckPresence(text);
            if (error != null)
            {
                return error;
            }

            DeviceConfig config = new DeviceConfig();
            error = FieldRules.CheckIdentity(text, config);
            if (error == null)
            {
                error = CheckCertificates(text, config);
            }

            if (error == null)
            {
                error = FieldRules.CheckKeys(text, config);
            }

            if (error == null)
            {
                error = FieldRules.CheckNetworkAndLimits(text, config);
            }

            if (error == null)
            {
                error = CheckCredentialMatch(text, config);
            }

            return error ?? ConfigResult.Ok(config);
        }

        private static ConfigResult CheckPresence(ConfigText text)
        {
            for (int i = 0; i < ConfigKeys.All.Length; i++)
            {
                if (ConfigKeys.Required[i] && text.Value(i) == null)
                {
                    return ConfigResult.Fail(ConfigError.MissingField, ConfigKeys.All[i], 0, "required field is missing");
                }
            }

            for (int i = 0; i < ConfigKeys.All.Length; i++)
            {
                // An empty Wi-Fi password means an open network; every other value must say something.
                if (text.Value(i) != null && text.Value(i).Length == 0 && i != ConfigKeys.WifiPasswordIndex)
                {
                    return ConfigResult.Fail(ConfigError.EmptyValue, ConfigKeys.All[i], text.Line(i), "value is empty");
                }
            }

            if (text.Value(ConfigKeys.VersionIndex) != ConfigLimits.FormatVersion)
            {
                return ConfigResult.Fail(ConfigError.UnsupportedVersion, ConfigKeys.Version, text.Line(ConfigKeys.VersionIndex), "this firmware reads configuration version " + ConfigLimits.FormatVersion + " only");
            }

            return null;
        }

        private ConfigResult CheckCertificates(ConfigText text, DeviceConfig config)
        {
            byte[] ca;
            ConfigResult error = DecodeCertificate(text, ConfigKeys.AgencyCaIndex, out ca);
            if (error != null)
            {
                return error;
            }

            if (!_facts.IsCertificateAuthority)
            {
                return Fail(text, ConfigError.AgencyCaNotCertificateAuthority, ConfigKeys.AgencyCaIndex, "not a CA certificate (basicConstraints cA is not TRUE)");
            }

            byte[] device;
            error = DecodeCertificate(text, ConfigKeys.DeviceCertificateIndex, out device);
            if (error != null)
            {
                return error;
            }

            if (_facts.IsCertificateAuthority)
            {
                return Fail(text, ConfigError.DeviceCertificateIsCertificateAuthority, ConfigKeys.DeviceCertificateIndex, "a CA certificate cannot be a device certificate");
            }

            if (!_facts.HasP256Key)
            {
                return Fail(text, ConfigError.DeviceCertificateKeyNotP256, ConfigKeys.DeviceCertificateIndex, "the key is not an uncompressed P-256 (ES256) key");
            }

            if (_facts.SubjectCommonName != config.DeviceId)
            {
                return Fail(text, ConfigError.DeviceIdMismatch, ConfigKeys.DeviceIdIndex, "does not match the device certificate's subject CN");
            }

            byte[] point = new byte[ConfigLimits.PublicKeyBytes];
            System.Array.Copy(_facts.PublicKey, point, point.Length);
            config.AgencyCaDer = ca;
            config.DeviceCertificateDer = device;
            config.DevicePublicKey = point;
            return null;
        }

        private ConfigResult DecodeCertificate(ConfigText text, int index, out byte[] der)
        {
            // The limit on base64 text is checked by the line limit; the decoded limit here.
            if (!Base64.TryDecode(text.Value(index), ConfigLimits.MaxCertificateDerBytes, out der))
            {
                bool tooLarge = text.Value(index).Length / 4 * 3 > ConfigLimits.MaxCertificateDerBytes + 2;
                return tooLarge
                    ? Fail(text, ConfigError.CertificateTooLarge, index, "larger than " + ConfigLimits.MaxCertificateDerBytes.ToString() + " bytes of DER")
                    : Fail(text, ConfigError.InvalidBase64, index, "not strict base64 of a DER certificate");
            }

            if (!_facts.Parse(der))
            {
                return Fail(text, ConfigError.CertificateMalformed, index, "not a well-formed DER X.509 v3 certificate");
            }

            return null;
        }

        private ConfigResult CheckCredentialMatch(ConfigText text, DeviceConfig config)
        {
            ConfigError error = _credentials.Check(config);
            if (error == ConfigError.None)
            {
                return null;
            }

            if (error == ConfigError.SoftwareKeyOnSecureElementBoard)
            {
                return Fail(text, error, ConfigKeys.DeviceSignerIndex, "this board has a secure element: the device key must live in it (device.signer = secure-element)");
            }

            int index = config.Signer == SignerChoice.Software ? ConfigKeys.DeviceKeyIndex : ConfigKeys.DeviceSignerIndex;
            return Fail(text, error, index, "the device key does not belong to the device certificate");
        }

        internal static ConfigResult Fail(ConfigText text, ConfigError error, int index, string reason)
        {
            return ConfigResult.Fail(error, ConfigKeys.All[index], text.Line(index), reason);
        }
    }
}
