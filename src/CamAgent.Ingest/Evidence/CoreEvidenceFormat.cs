using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Evidence;
using CamAgent.Host.Crypto;
using CamAgent.Verification;

namespace CamAgent.Ingest.Evidence;

/// <summary>
/// The evidence formats of docs/evidence-format.md, as implemented in CamAgent.Core and
/// CamAgent.Verification: manifests are authenticated by <see cref="RecordAuthenticator"/> (the
/// same code the offline verifier runs), content digests by Core's <see cref="ContentDigest"/>,
/// receipts encoded by Core's <see cref="Receipt"/> and signed as COSE_Sign1/ES256 with the
/// server's receipt key, its certificate in x5chain. Thread safe.
/// </summary>
public sealed class CoreEvidenceFormat : IEvidenceFormat, IDisposable
{
    private readonly object _authenticatorGate = new();
    private readonly object _signerGate = new();
    private readonly RecordAuthenticator _authenticator;
    private readonly HostEcdsaSigner _receiptSigner;
    private readonly byte[] _receiptCertificate;
    private readonly CoseSign1Encoder _encoder = new();
    private readonly HostHmacSha256Factory _hmac = new();

    /// <summary>
    /// <paramref name="agencyCertificates"/>: the device CA and its issuers (what device
    /// certificates must chain to). The signer and certificate belong to the receipt key; the
    /// instance owns and disposes the signer.
    /// </summary>
    public CoreEvidenceFormat(IReadOnlyCollection<X509Certificate2> agencyCertificates, HostEcdsaSigner receiptSigner, X509Certificate2 receiptCertificate)
    {
        ArgumentNullException.ThrowIfNull(receiptSigner);
        ArgumentNullException.ThrowIfNull(receiptCertificate);
        _authenticator = new RecordAuthenticator(agencyCertificates);
        _receiptSigner = receiptSigner;
        _receiptCertificate = receiptCertificate.RawData;
        if (_receiptCertificate.Length > EvidenceLimits.MaxCertificateBytes)
        {
            throw new IngestConfigurationException($"The receipt certificate is larger than {EvidenceLimits.MaxCertificateBytes} bytes.");
        }
    }

    public ManifestVerdict ReadManifest(byte[] coseSign1, out ManifestFacts? facts)
    {
        ArgumentNullException.ThrowIfNull(coseSign1);
        facts = null;
        if (coseSign1.Length > EvidenceLimits.MaxRecordBytes)
        {
            return ManifestVerdict.Malformed;
        }

        ManifestCheck check;
        lock (_authenticatorGate)
        {
            check = _authenticator.CheckManifest(coseSign1);
        }

        if (!check.IsAuthentic)
        {
            return check.Problem switch
            {
                FindingKind.BadSignature => ManifestVerdict.SignatureInvalid,
                FindingKind.BadCertificate => ManifestVerdict.CertificateInvalid,
                FindingKind.IdentityMismatch => ManifestVerdict.IdentityMismatch,
                _ => ManifestVerdict.Malformed,
            };
        }

        Manifest manifest = check.Manifest!;
        facts = new ManifestFacts(
            manifest.DeviceId,
            (ulong)manifest.Sequence,
            manifest.Kind == RecordKind.Segment,
            manifest.ContentLength,
            manifest.ChunkSizeBytes,
            (byte[])manifest.ContentDigestBytes.Clone(),
            (byte[])manifest.PreviousRecordDigest.Clone(),
            check.Certificate!.Certificate!.RawData,
            manifest.Event == ContinuityEvent.PowerLossRecovery ? (ulong)manifest.EventDetail : 0);
        return ManifestVerdict.Valid;
    }

    public IContentDigestAccumulator StartContentDigest(int chunkSizeBytes)
    {
        return new CoreContentDigest(new ContentDigest(_hmac, chunkSizeBytes));
    }

    public byte[] IssueReceipt(ReceiptFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var receipt = new Receipt
        {
            DeviceId = facts.DeviceId,
            Sequence = checked((long)facts.Sequence),
            ContentLength = facts.ContentLengthBytes,
            ServerTimeMs = facts.ServerTimeUnixMs,
            UploadId = facts.UploadId,
        };
        facts.ContentDigest.CopyTo(receipt.ContentDigestBytes, 0);
        facts.ManifestHash.CopyTo(receipt.ManifestDigest, 0);
        byte[] payload = new byte[EvidenceLimits.MaxReceiptBytes];
        var writer = new CborWriter(payload, 0, payload.Length);
        EvidenceStatus encoded = receipt.Encode(writer, out int badKey);
        if (encoded != EvidenceStatus.Ok)
        {
            throw new InvalidOperationException($"Receipt fields are invalid ({encoded}, key {badKey}).");
        }

        byte[] output = new byte[CoseSign1Encoder.EncodedSize(_receiptCertificate.Length, writer.Length)];
        lock (_signerGate)
        {
            CoseStatus signed = _encoder.Sign(_receiptSigner, _receiptCertificate, 0, _receiptCertificate.Length, payload, 0, writer.Length, output, 0, output.Length, out int written);
            if (signed != CoseStatus.Ok || written != output.Length)
            {
                throw new InvalidOperationException($"Signing the receipt failed ({signed}, signer {_encoder.LastSignerStatus}).");
            }
        }

        return output;
    }

    public void Dispose()
    {
        _authenticator.Dispose();
        _receiptSigner.Dispose();
    }

    private sealed class CoreContentDigest : IContentDigestAccumulator
    {
        private readonly ContentDigest _digest;

        public CoreContentDigest(ContentDigest digest)
        {
            _digest = digest;
        }

        public long LengthBytes => _digest.TotalLength;

        public void Append(byte[] buffer, int offset, int count) => _digest.Append(buffer, offset, count);

        public byte[] Finish()
        {
            byte[] result = new byte[ContentDigest.DigestSizeBytes];
            _digest.Finish(result, 0);
            return result;
        }
    }
}
