using System;
using CamAgent.Core.Crypto;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.SecureElement;

namespace CamAgent.Core.Provisioning
{
    /// <summary>
    /// The device side of the provisioning line protocol (docs/secure-element.md §8): one request
    /// line in, one reply line out ("OK ..." or "ERR code"). The device app feeds it lines from the
    /// serial console while it is in provisioning mode. It never signs a caller-chosen digest: it
    /// signs only a PKCS#10 CertificationRequestInfo that carries the chip's own public key, hashing
    /// it itself, so the provisioning link cannot be used to forge manifests (those are COSE
    /// Sig_structures, which begin with a different byte). Provisioning is rare: allocation is fine.
    /// </summary>
    public sealed class ProvisioningResponder
    {
        /// <summary>Longest request: "CERT " and a hex certificate of the largest size a record carries.</summary>
        public const int MaxLineChars = 2 * EvidenceLimits.MaxCertificateBytes + 16;

        public const string Banner = "CAMAGENT-PROV 1";

        private const string Ok = "OK";
        private const int SerialBytes = AteccProtocol.SerialNumberBytes;
        private const byte UncompressedPointTag = 0x04;

        private readonly Atecc608 _chip;
        private readonly int _keySlot;
        private readonly IDeviceCertificateStore _store;

        public ProvisioningResponder(Atecc608 chip, int keySlot, IDeviceCertificateStore store)
        {
            if (chip == null)
            {
                throw new ArgumentNullException("chip");
            }

            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (keySlot < 0 || keySlot > AteccProtocol.MaxSlot)
            {
                throw new ArgumentOutOfRangeException("keySlot");
            }

            _chip = chip;
            _keySlot = keySlot;
            _store = store;
        }

        /// <summary>Answers one request line (without its line end). Never throws for bad input.</summary>
        public string Handle(string line)
        {
            if (line == null || line.Length == 0)
            {
                return Error("empty");
            }

            if (line.Length > MaxLineChars)
            {
                return Error("too-long");
            }

            int space = line.IndexOf(' ');
            string verb = space < 0 ? line : line.Substring(0, space);
            string argument = space < 0 ? string.Empty : line.Substring(space + 1);
            if (verb == "HELLO")
            {
                return Ok + " " + Banner;
            }

            if (verb == "INFO")
            {
                return Info();
            }

            if (verb == "PUBKEY")
            {
                return PublicKey(false);
            }

            if (verb == "GENKEY")
            {
                return _store.HasCertificate ? Error("certificate-installed") : PublicKey(true);
            }

            if (verb == "SIGNCSR")
            {
                return SignRequest(argument);
            }

            if (verb == "CERT")
            {
                return InstallCertificate(argument);
            }

            return Error("unknown-command");
        }

        private string Info()
        {
            byte[] serial = new byte[SerialBytes];
            byte[] revision = new byte[Atecc608.RevisionBytes];
            bool configLocked;
            bool dataLocked;
            SecureElementStatus status = _chip.ReadSerialNumber(serial, 0);
            if (status == SecureElementStatus.Ok)
            {
                status = _chip.ReadRevision(revision, 0);
            }

            if (status == SecureElementStatus.Ok)
            {
                status = _chip.ReadLockState(out configLocked, out dataLocked);
            }
            else
            {
                configLocked = false;
                dataLocked = false;
            }

            if (status != SecureElementStatus.Ok)
            {
                return ChipError(status);
            }

            return Ok + " serial=" + Hex.Encode(serial, 0, SerialBytes)
                + " revision=" + Hex.Encode(revision, 0, revision.Length)
                + " config-locked=" + Flag(configLocked)
                + " data-locked=" + Flag(dataLocked)
                + " key-slot=" + _keySlot.ToString()
                + " certificate=" + Flag(_store.HasCertificate);
        }

        private string PublicKey(bool generate)
        {
            byte[] publicKey;
            SecureElementStatus status = ReadPublicKey(generate, out publicKey);
            return status == SecureElementStatus.Ok ? Ok + " " + Hex.Encode(publicKey, 0, publicKey.Length) : ChipError(status);
        }

        private string SignRequest(string argument)
        {
            byte[] info = Hex.Decode(argument, 0);
            if (info == null)
            {
                return Error("bad-hex");
            }

            if (!DerChecks.IsCertificationRequestInfo(info))
            {
                return Error("not-a-certification-request-info");
            }

            bool configLocked;
            bool dataLocked;
            SecureElementStatus status = _chip.ReadLockState(out configLocked, out dataLocked);
            if (status == SecureElementStatus.Ok && !(configLocked && dataLocked))
            {
                // A key in an unlocked chip is not protected: certifying it would vouch for nothing.
                status = SecureElementStatus.NotLocked;
            }

            byte[] publicKey = null;
            if (status == SecureElementStatus.Ok)
            {
                status = ReadPublicKey(false, out publicKey);
            }

            if (status != SecureElementStatus.Ok)
            {
                return ChipError(status);
            }

            if (!DerChecks.Contains(info, DerChecks.P256Spki(publicKey)))
            {
                return Error("key-mismatch");
            }

            byte[] digest = Sha256.Hash(info);
            byte[] signature = new byte[Atecc608.SignatureBytes];
            status = _chip.SignDigest(_keySlot, digest, 0, signature, 0);
            return status == SecureElementStatus.Ok ? Ok + " " + Hex.Encode(signature, 0, signature.Length) : ChipError(status);
        }

        private string InstallCertificate(string argument)
        {
            byte[] certificate = Hex.Decode(argument, 0);
            if (certificate == null)
            {
                return Error("bad-hex");
            }

            if (certificate.Length > EvidenceLimits.MaxCertificateBytes || !DerChecks.IsSingleSequence(certificate))
            {
                return Error("not-a-certificate");
            }

            byte[] publicKey;
            SecureElementStatus status = ReadPublicKey(false, out publicKey);
            if (status != SecureElementStatus.Ok)
            {
                return ChipError(status);
            }

            if (!DerChecks.Contains(certificate, DerChecks.P256Spki(publicKey)))
            {
                return Error("key-mismatch");
            }

            return _store.Write(certificate, 0, certificate.Length) ? Ok : Error("store-failed");
        }

        // The reply carries the SEC1 form (0x04 || X || Y) that every other CamAgent interface uses.
        private SecureElementStatus ReadPublicKey(bool generate, out byte[] publicKey)
        {
            publicKey = new byte[1 + Atecc608.PublicKeyBytes];
            publicKey[0] = UncompressedPointTag;
            return generate ? _chip.GenerateKey(_keySlot, publicKey, 1) : _chip.ReadPublicKey(_keySlot, publicKey, 1);
        }

        private static string Flag(bool value)
        {
            return value ? "1" : "0";
        }

        private static string ChipError(SecureElementStatus status)
        {
            return Error("chip-" + status.ToString());
        }

        private static string Error(string code)
        {
            return "ERR " + code;
        }
    }
}
