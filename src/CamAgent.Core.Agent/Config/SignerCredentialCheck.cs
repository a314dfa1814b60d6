using System;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Config
{
    /// <summary>
    /// <see cref="ICredentialCheck"/> through the signer that will really sign: the software
    /// signer built from the configured key, or the secure element. The public key it reports
    /// must equal the device certificate's, byte for byte. The signer follows the board: on a board
    /// whose profile names a secure element, a configuration with a software key is refused, so a
    /// production camera never seals with a key kept in plain flash (docs/boards.md).
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

            if (_secureElement != null && candidate.Signer == SignerChoice.Software)
            {
                return ConfigError.SoftwareKeyOnSecureElementBoard;
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
