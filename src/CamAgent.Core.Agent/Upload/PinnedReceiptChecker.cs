using System;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Evidence;

namespace CamAgent.Core.Upload
{
    /// <summary>
    /// The device's receipt check (docs/upload-protocol.md §4): the receipt must be a COSE_Sign1
    /// whose ES256 signature verifies against the receipt key pinned in the device configuration
    /// (not against the certificate the receipt carries: only the pinned key is trusted), and whose
    /// payload names exactly the uploaded record: device id, sequence, content length and content
    /// digest from the record's own manifest, and SHA-256 of the manifest's COSE_Sign1 bytes (the
    /// job's <see cref="UploadJob.RecordDigest"/> when it carries it, else hashed here).
    /// State is allocated once; a check allocates only the decoded device id strings.
    /// </summary>
    public sealed class PinnedReceiptChecker : IReceiptChecker
    {
        private readonly byte[] _receiptKey = new byte[P256PublicKey.SizeBytes];
        private readonly CoseSign1Message _receiptMessage = new CoseSign1Message();
        private readonly CoseSign1Message _manifestMessage = new CoseSign1Message();
        private readonly CborReader _reader = new CborReader();
        private readonly Receipt _receipt = new Receipt();
        private readonly Manifest _manifest = new Manifest();
        private readonly Sha256 _sha = new Sha256();
        private readonly EcdsaP256Verifier _verifier = new EcdsaP256Verifier();
        private readonly byte[] _digest = new byte[Sha256.DigestSizeBytes];

        /// <param name="receiptPublicKey">The pinned 65-byte SEC1 uncompressed P-256 point (0x04 || X || Y); copied.</param>
        public PinnedReceiptChecker(byte[] receiptPublicKey, int offset)
        {
            if (receiptPublicKey == null)
            {
                throw new ArgumentNullException("receiptPublicKey");
            }

            if (offset < 0 || offset + P256PublicKey.SizeBytes > receiptPublicKey.Length)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            Array.Copy(receiptPublicKey, offset, _receiptKey, 0, P256PublicKey.SizeBytes);
        }

        public ReceiptCheckStatus Check(UploadJob job, byte[] receipt, int offset, int count)
        {
            if (job == null || receipt == null)
            {
                throw new ArgumentNullException("job");
            }

            if (_receiptMessage.Decode(receipt, offset, count) != CoseStatus.Ok)
            {
                return ReceiptCheckStatus.Malformed;
            }

            _receiptMessage.ComputeToBeSignedDigest(_sha, _digest, 0);
            if (!_verifier.VerifyDigest(_receiptKey, 0, _digest, 0, receipt, _receiptMessage.SignatureOffset))
            {
                return ReceiptCheckStatus.SignatureInvalid;
            }

            int badKey;
            if (_receipt.Decode(receipt, _receiptMessage.PayloadOffset, _receiptMessage.PayloadLength, _reader, out badKey) != EvidenceStatus.Ok)
            {
                return ReceiptCheckStatus.Malformed;
            }

            return MatchesRecord(job) ? ReceiptCheckStatus.Valid : ReceiptCheckStatus.FieldMismatch;
        }

        /// <summary>Compares the receipt with the facts of the job's own manifest.</summary>
        private bool MatchesRecord(UploadJob job)
        {
            int badKey;
            if (_manifestMessage.Decode(job.Manifest, job.ManifestOffset, job.ManifestCount) != CoseStatus.Ok
                || ManifestCodec.Decode(job.Manifest, _manifestMessage.PayloadOffset, _manifestMessage.PayloadLength, _reader, _manifest, out badKey) != EvidenceStatus.Ok)
            {
                return false;
            }

            // The sealer hashed these bytes for the chain; the caller passes that digest when it has it.
            byte[] recordDigest = job.RecordDigest;
            if (recordDigest == null)
            {
                _sha.Reset();
                _sha.Update(job.Manifest, job.ManifestOffset, job.ManifestCount);
                _sha.Final(_digest, 0);
                recordDigest = _digest;
            }

            return _manifest.Sequence == job.Sequence
                && _manifest.ContentLength == job.ContentLength
                && _receipt.Matches(_manifest.DeviceId, job.Sequence, job.ContentLength, _manifest.ContentDigestBytes, 0, recordDigest, 0);
        }
    }
}
