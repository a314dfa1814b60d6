using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;

namespace CamAgent.Core.Provisioning
{
    /// <summary>
    /// Decodes a device bundle and checks its signature the way docs/device-bundle.md ("How a
    /// device checks a bundle") prescribes: strict COSE_Sign1 (RFC 9052 §4.2) with one x5chain
    /// certificate; payload map of RFC 8949 §4.2.1 deterministic encoding with keys 1..6 in order;
    /// ES256 over the Sig_structure (RFC 9052 §4.4) verified with payload key 6. When a key is
    /// pinned, key 6 must equal it. The device cannot build X.509 chains, so trust comes from the
    /// pin, not from the certificate. Buffers are allocated once per reader.
    /// </summary>
    public sealed class BundleReader
    {
        public const int FormatVersion = 1;

        /// <summary>Size of the pinned key: an uncompressed SEC1 P-256 point.</summary>
        public const int SignerKeyBytes = 65;

        // The payload map's keys (docs/device-bundle.md), in the order they are written; the
        // agency's writer (CamAgent.Provisioning.Bundles.BundleCodec) uses these same constants.
        public const ulong KeyVersion = 1;
        public const ulong KeyDeviceId = 2;
        public const ulong KeyConfig = 3;
        public const ulong KeyBoard = 4;
        public const ulong KeyIssuedAt = 5;
        public const ulong KeySignerKey = 6;
        public const int PayloadEntries = 6;
        private const int DigestBytes = 32;

        private readonly CoseSign1Message _message = new CoseSign1Message();
        private readonly CborReader _reader = new CborReader();
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _digest = new byte[DigestBytes];
        private readonly EcdsaP256Verifier _verifier = new EcdsaP256Verifier();

        /// <summary>
        /// Reads the bundle in <paramref name="buffer"/> into <paramref name="result"/>.
        /// <paramref name="pinnedKey"/> is the 65-byte pinned key, or null on first provisioning
        /// (the signature is then checked with the bundle's own key, which proves integrity only).
        /// Statuses: Ok, NotCoseSign1, MalformedPayload, InvalidSignerKey, SignerNotPinned, BadSignature.
        /// </summary>
        public BundleStatus Read(byte[] buffer, int offset, int count, byte[] pinnedKey, DeviceBundle result)
        {
            if (result == null)
            {
                throw new System.ArgumentNullException("result");
            }

            if (pinnedKey != null && pinnedKey.Length != SignerKeyBytes)
            {
                throw new System.ArgumentException("a pinned key is 65 bytes", "pinnedKey");
            }

            if (_message.Decode(buffer, offset, count) != CoseStatus.Ok || _message.CertificateCount != 1)
            {
                return BundleStatus.NotCoseSign1;
            }

            if (!ReadPayload(buffer, result))
            {
                return BundleStatus.MalformedPayload;
            }

            if (pinnedKey != null && !SameKey(pinnedKey, buffer, result.SignerKeyOffset))
            {
                return BundleStatus.SignerNotPinned;
            }

            return CheckSignature(buffer, result.SignerKeyOffset);
        }

        private bool ReadPayload(byte[] buffer, DeviceBundle result)
        {
            _reader.Reset(buffer, _message.PayloadOffset, _message.PayloadLength);
            int entries;
            ulong version;
            ulong issuedAt = 0;
            string deviceId = null;
            int configOffset = 0, configLength = 0, boardOffset = 0, boardLength = 0, keyOffset = 0, keyLength;
            bool ok = _reader.ReadMapHeader(out entries) == CborStatus.Ok && entries == PayloadEntries
                && Key(KeyVersion) && _reader.ReadUInt64(out version) == CborStatus.Ok && version == FormatVersion
                && Key(KeyDeviceId) && _reader.ReadTextString(out deviceId) == CborStatus.Ok
                && Key(KeyConfig) && _reader.ReadByteString(out configOffset, out configLength) == CborStatus.Ok
                && Key(KeyBoard) && _reader.ReadByteString(out boardOffset, out boardLength) == CborStatus.Ok
                && Key(KeyIssuedAt) && _reader.ReadUInt64(out issuedAt) == CborStatus.Ok && issuedAt <= long.MaxValue
                && Key(KeySignerKey) && _reader.ReadByteString(out keyOffset, out keyLength) == CborStatus.Ok
                && keyLength == SignerKeyBytes
                && _reader.ReadEnd() == CborStatus.Ok;
            if (!ok)
            {
                return false;
            }

            result.Buffer = buffer;
            result.DeviceId = deviceId;
            result.ConfigOffset = configOffset;
            result.ConfigLength = configLength;
            result.BoardOffset = boardOffset;
            result.BoardLength = boardLength;
            result.IssuedAtSeconds = 0;
            result.IssuedAtSeconds += (long)issuedAt;
            result.SignerKeyOffset = keyOffset;
            result.CertificateOffset = _message.GetCertificateOffset(0);
            result.CertificateLength = _message.GetCertificateLength(0);
            return true;
        }

        private BundleStatus CheckSignature(byte[] buffer, int keyOffset)
        {
            if (buffer[keyOffset] != P256PublicKey.UncompressedPrefix)
            {
                return BundleStatus.InvalidSignerKey;
            }

            _message.ComputeToBeSignedDigest(_sha, _digest, 0);
            bool valid = _verifier.VerifyDigest(buffer, keyOffset, _digest, 0, buffer, _message.SignatureOffset);
            return valid ? BundleStatus.Ok : BundleStatus.BadSignature;
        }

        private bool Key(ulong expected)
        {
            ulong key;
            return _reader.ReadUInt64(out key) == CborStatus.Ok && key == expected;
        }

        private static bool SameKey(byte[] pinned, byte[] buffer, int offset)
        {
            int difference = 0;
            for (int i = 0; i < SignerKeyBytes; i++)
            {
                difference |= pinned[i] ^ buffer[offset + i];
            }

            return difference == 0;
        }
    }
}
