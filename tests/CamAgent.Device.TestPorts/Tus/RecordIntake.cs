using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Evidence;
using CamAgent.Core.Upload;
using CamAgent.Device.TestPorts.Platform;

namespace CamAgent.Device.TestPorts.Tus
{
    /// <summary>
    /// What the ingest server checks of a record before it accepts a byte of content
    /// (docs/upload-protocol.md §3.2) and after the last one (§3.4): the manifest is a COSE_Sign1
    /// whose certificate is the device's and whose ES256 signature verifies with its key, naming
    /// this device; the content's digest (docs/evidence-format.md §4) equals the manifest's.
    /// The chain link is checked by <see cref="ScriptedTusServer"/>, which holds the records.
    /// </summary>
    internal sealed class RecordIntake
    {
        private readonly string _deviceId;
        private readonly byte[] _deviceCertificate;
        private readonly byte[] _devicePublicKey;
        private readonly CoseSign1Message _cose = new CoseSign1Message();
        private readonly CborReader _reader = new CborReader();
        private readonly Sha256 _sha = new Sha256();
        private readonly EcdsaP256Verifier _verifier = new EcdsaP256Verifier();
        private readonly ManagedHmacSha256Factory _hmac = new ManagedHmacSha256Factory();
        private readonly byte[] _digest = new byte[Sha256.DigestSizeBytes];

        public RecordIntake(string deviceId, byte[] deviceCertificate, byte[] devicePublicKey)
        {
            _deviceId = deviceId;
            _deviceCertificate = deviceCertificate;
            _devicePublicKey = devicePublicKey;
        }

        /// <summary>Null when <paramref name="cose"/> is an authentic manifest of this device (decoded into <paramref name="into"/>); else the CamAgent-Error code.</summary>
        public string CheckManifest(byte[] cose, Manifest into)
        {
            if (_cose.Decode(cose, 0, cose.Length) != CoseStatus.Ok)
            {
                return ErrorCodes.ManifestMalformed;
            }

            if (!SameBytes(cose, _cose.GetCertificateOffset(0), _cose.GetCertificateLength(0), _deviceCertificate))
            {
                return ErrorCodes.ManifestCertificateMismatch;
            }

            _cose.ComputeToBeSignedDigest(_sha, _digest, 0);
            if (!_verifier.VerifyDigest(_devicePublicKey, 0, _digest, 0, cose, _cose.SignatureOffset))
            {
                return ErrorCodes.ManifestSignatureInvalid;
            }

            int badKey;
            if (ManifestCodec.Decode(cose, _cose.PayloadOffset, _cose.PayloadLength, _reader, into, out badKey) != EvidenceStatus.Ok)
            {
                return ErrorCodes.ManifestMalformed;
            }

            return into.DeviceId == _deviceId ? null : ErrorCodes.DeviceIdMismatch;
        }

        /// <summary>True when the complete content of <paramref name="upload"/> has the digest its manifest states.</summary>
        public bool DigestMatches(StoredUpload upload)
        {
            ContentDigest digest = new ContentDigest(_hmac, upload.Record.ChunkSizeBytes);
            digest.Append(upload.Content, 0, upload.Content.Length);
            digest.Finish(_digest, 0);
            return SameBytes(_digest, 0, _digest.Length, upload.Record.ContentDigestBytes);
        }

        private static bool SameBytes(byte[] buffer, int offset, int count, byte[] expected)
        {
            if (count != expected.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (buffer[offset + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
