using System;
using CamAgent.Core.Platform;

namespace CamAgent.Core.SecureElement
{
    /// <summary>
    /// ES256 with a P-256 key generated inside an ATECC608 (docs/secure-element.md §5): the key
    /// never leaves the chip; manifests it signs record <see cref="SignerKind.SecureElement"/>.
    /// Before the first use it checks that the chip's configuration and data zones are locked
    /// (an unlocked chip does not protect its keys) and refuses otherwise. The public key is read
    /// once and kept. <see cref="LastStatus"/> tells why a call failed. Not thread-safe.
    /// </summary>
    public sealed class SecureElementSigner : ISigner
    {
        public const int PublicKeyBytes = 65;
        public const int SignatureBytes = 64;
        public const int DigestBytes = 32;

        private const byte UncompressedPointTag = 0x04;

        private readonly Atecc608 _chip;
        private readonly int _keySlot;
        private readonly byte[] _publicKey = new byte[PublicKeyBytes];
        private readonly byte[] _signature = new byte[SignatureBytes];
        private bool _locked;
        private bool _havePublicKey;

        public SecureElementSigner(Atecc608 chip, int keySlot)
        {
            if (chip == null)
            {
                throw new ArgumentNullException("chip");
            }

            if (keySlot < 0 || keySlot > AteccProtocol.MaxSlot)
            {
                throw new ArgumentOutOfRangeException("keySlot");
            }

            _chip = chip;
            _keySlot = keySlot;
        }

        public SignerKind Kind
        {
            get { return SignerKind.SecureElement; }
        }

        /// <summary>The driver's status behind the last signer result (Ok after a success).</summary>
        public SecureElementStatus LastStatus { get; private set; }

        public SignerStatus GetPublicKey(byte[] publicKey, int offset)
        {
            if (publicKey == null)
            {
                throw new ArgumentNullException("publicKey");
            }

            if (offset < 0 || offset > publicKey.Length - PublicKeyBytes)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            SignerStatus ready = EnsurePublicKey();
            if (ready == SignerStatus.Ok)
            {
                Array.Copy(_publicKey, 0, publicKey, offset, PublicKeyBytes);
            }

            return ready;
        }

        /// <summary>Signs with the chip; the 64-byte r || s is written only on Ok.</summary>
        public SignerStatus SignDigest(byte[] digest, int digestOffset, byte[] signature, int signatureOffset)
        {
            if (digest == null)
            {
                throw new ArgumentNullException("digest");
            }

            if (signature == null)
            {
                throw new ArgumentNullException("signature");
            }

            if (digestOffset < 0 || digestOffset > digest.Length - DigestBytes)
            {
                throw new ArgumentOutOfRangeException("digestOffset");
            }

            if (signatureOffset < 0 || signatureOffset > signature.Length - SignatureBytes)
            {
                throw new ArgumentOutOfRangeException("signatureOffset");
            }

            SignerStatus ready = EnsureLocked();
            if (ready != SignerStatus.Ok)
            {
                return ready;
            }

            LastStatus = _chip.SignDigest(_keySlot, digest, digestOffset, _signature, 0);
            if (LastStatus != SecureElementStatus.Ok)
            {
                return ToSignerStatus(LastStatus);
            }

            Array.Copy(_signature, 0, signature, signatureOffset, SignatureBytes);
            return SignerStatus.Ok;
        }

        private SignerStatus EnsurePublicKey()
        {
            if (_havePublicKey)
            {
                LastStatus = SecureElementStatus.Ok;
                return SignerStatus.Ok;
            }

            SignerStatus ready = EnsureLocked();
            if (ready != SignerStatus.Ok)
            {
                return ready;
            }

            LastStatus = _chip.ReadPublicKey(_keySlot, _publicKey, 1);
            if (LastStatus != SecureElementStatus.Ok)
            {
                return ToSignerStatus(LastStatus);
            }

            _publicKey[0] = UncompressedPointTag;
            _havePublicKey = true;
            return SignerStatus.Ok;
        }

        // Locking is irreversible, so a locked answer is remembered; an unlocked one is asked again.
        private SignerStatus EnsureLocked()
        {
            if (_locked)
            {
                return SignerStatus.Ok;
            }

            bool configLocked;
            bool dataLocked;
            LastStatus = _chip.ReadLockState(out configLocked, out dataLocked);
            if (LastStatus != SecureElementStatus.Ok)
            {
                return ToSignerStatus(LastStatus);
            }

            if (!configLocked || !dataLocked)
            {
                LastStatus = SecureElementStatus.NotLocked;
                return SignerStatus.Refused;
            }

            _locked = true;
            return SignerStatus.Ok;
        }

        /// <summary>How a driver status surfaces through the <see cref="ISigner"/> port.</summary>
        public static SignerStatus ToSignerStatus(SecureElementStatus status)
        {
            switch (status)
            {
                case SecureElementStatus.Ok:
                    return SignerStatus.Ok;
                case SecureElementStatus.Busy:
                    return SignerStatus.Busy;
                case SecureElementStatus.NotLocked:
                case SecureElementStatus.ParseError:
                    return SignerStatus.Refused;
                case SecureElementStatus.ExecutionError:
                    return SignerStatus.NoKey;
                default:
                    return SignerStatus.DeviceError;
            }
        }
    }
}
