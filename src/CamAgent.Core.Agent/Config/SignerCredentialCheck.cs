using System;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Config
{
    /// <summary>
    /// <see cref="ICredentialCheck"/> through the signer that will really sign: the software
    /// signer built from the configured key, or the secure element. The public key it reports
    /// must equal the device certificate's, byte for byte.
    /// </summary>
    public sealed class SignerCredentialCheck : ICredentialCheck
    {
        private readonly SoftwareSignerFactory _software;
        private readonly ISigner _secureElement;
        private readonly byte[] _publicKey = new byte[ConfigLimits.PublicKeyBytes];

        /// <param name="software">Builds software signers; required.</param>
        /// <param name="secureElement">The secure element's signer, or null on boards without one.</param>
        public SignerCredentialCheck(SoftwareSignerFactory software, ISigner secureElement)
        {
            if (software == null)
            {
                throw new ArgumentNullException("software");
            }

            _software = software;
            _secureElement = secureElement;
        }

        public ConfigError Check(DeviceConfig candidate)
        {
            if (candidate == null)
            {
                throw new ArgumentNullException("candidate");
            }

            ISigner signer = candidate.Signer == SignerChoice.Software ? _software(candidate.DeviceKey) : _secureElement;
            if (signer == null || signer.GetPublicKey(_publicKey, 0) != SignerStatus.Ok)
            {
                return ConfigError.CredentialMismatch;
            }

            for (int i = 0; i < _publicKey.Length; i++)
            {
                if (_publicKey[i] != candidate.DevicePublicKey[i])
                {
                    return ConfigError.CredentialMismatch;
                }
            }

            return ConfigError.None;
        }
    }
}
