using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Evidence;

namespace CamAgent.Verification;

/// <summary>
/// Authenticates single records and receipts (docs/evidence-format.md §7.1): COSE_Sign1 form,
/// certificate chain to the agency, ES256 signature, format rules, and identity. Used by the
/// offline verifier and by the ingest server when a manifest arrives. Not thread-safe.
/// </summary>
public sealed class RecordAuthenticator : IDisposable
{
    private readonly CertificateValidator _validator;
    private readonly X509Certificate2? _receiptSigner;
    private readonly CoseSign1Message _message = new();
    private readonly CborReader _reader = new();
    private readonly Sha256 _sha = new();

    /// <param name="agencyCertificates">The trusted agency certificates (<see cref="CertificateValidator"/>).</param>
    /// <param name="receiptSigner">The receipt-signing certificate to pin, or null.</param>
    /// <param name="untrustedIssuers">CA certificates that may complete chains but are trusted for nothing (a store's issuers/ folder), or null.</param>
    public RecordAuthenticator(IReadOnlyCollection<X509Certificate2> agencyCertificates, X509Certificate2? receiptSigner = null, IReadOnlyCollection<X509Certificate2>? untrustedIssuers = null)
    {
        _validator = new CertificateValidator(agencyCertificates, untrustedIssuers);
        _receiptSigner = receiptSigner;
    }

    /// <summary>Authenticates a record (manifest COSE_Sign1).</summary>
    public ManifestCheck CheckManifest(byte[] record)
    {
        ArgumentNullException.ThrowIfNull(record);
        byte[] digest = SHA256.HashData(record);
        CoseStatus cose = _message.Decode(record, 0, record.Length);
        if (cose != CoseStatus.Ok)
        {
            return new ManifestCheck(digest, null, null, FindingKind.MalformedRecord, $"not a CamAgent COSE_Sign1 record ({cose})");
        }

        CertificateCheck certificate = _validator.Check(CertificateChain(record), CertificateValidator.ClientAuthOid);
        if (certificate.Problem is not null)
        {
            return new ManifestCheck(digest, null, certificate, FindingKind.BadCertificate, certificate.Problem);
        }

        if (!SignatureVerifies(record, certificate.PublicKey!))
        {
            return new ManifestCheck(digest, null, certificate, FindingKind.BadSignature, "the ES256 signature does not verify with the device certificate's key");
        }

        var manifest = new Manifest();
        EvidenceStatus status = ManifestCodec.Decode(record, _message.PayloadOffset, _message.PayloadLength, _reader, manifest, out int badKey);
        if (status != EvidenceStatus.Ok)
        {
            return new ManifestCheck(digest, null, certificate, FindingKind.MalformedRecord, $"signed manifest breaks the format ({status}, key {badKey})");
        }

        if (!string.Equals(manifest.DeviceId, certificate.CommonName, StringComparison.Ordinal))
        {
            return new ManifestCheck(digest, null, certificate, FindingKind.IdentityMismatch, $"manifest device id '{manifest.DeviceId}' differs from the certificate CN '{certificate.CommonName}'");
        }

        if (manifest.ClockState == ClockState.Valid && !certificate.IsValidAt(EpochMs(manifest.WallStartMs)))
        {
            return new ManifestCheck(digest, null, certificate, FindingKind.BadCertificate, "the device certificate was not valid at the time the record states");
        }

        return new ManifestCheck(digest, manifest, certificate, null, "authentic");
    }

    /// <summary>
    /// Authenticates a receipt: signed by an agency certificate that carries the receipt-signing
    /// usage (<see cref="ReceiptSigningUsage"/>) and is not a device certificate, and, when one is
    /// pinned, by exactly the pinned certificate.
    /// </summary>
    public ReceiptCheck CheckReceipt(byte[] receiptBytes)
    {
        ArgumentNullException.ThrowIfNull(receiptBytes);
        byte[] digest = SHA256.HashData(receiptBytes);
        CoseStatus cose = _message.Decode(receiptBytes, 0, receiptBytes.Length);
        if (cose != CoseStatus.Ok)
        {
            return new ReceiptCheck(digest, null, string.Empty, $"not a COSE_Sign1 receipt ({cose})");
        }

        IReadOnlyList<byte[]> chain = CertificateChain(receiptBytes);
        CertificateCheck certificate = _validator.Check(chain, ReceiptSigningUsage.Oid);
        string signer = certificate.Certificate?.Subject ?? string.Empty;
        string? problem = certificate.Problem ?? ReceiptSignerProblem(certificate, chain[0]);
        if (problem is not null)
        {
            return new ReceiptCheck(digest, null, signer, problem);
        }

        if (!SignatureVerifies(receiptBytes, certificate.PublicKey!))
        {
            return new ReceiptCheck(digest, null, signer, "the receipt signature does not verify");
        }

        var receipt = new Receipt();
        EvidenceStatus status = receipt.Decode(receiptBytes, _message.PayloadOffset, _message.PayloadLength, _reader, out int badKey);
        if (status != EvidenceStatus.Ok)
        {
            return new ReceiptCheck(digest, null, signer, $"signed receipt breaks the format ({status}, key {badKey})");
        }

        if (!certificate.IsValidAt(EpochMs(receipt.ServerTimeMs)))
        {
            return new ReceiptCheck(digest, null, signer, "the receipt certificate was not valid at the receipt's server time");
        }

        return new ReceiptCheck(digest, receipt, signer, null);
    }

    public void Dispose()
    {
        _validator.Dispose();
    }

    /// <summary>Converts Unix epoch milliseconds to a time, clamped to the representable range.</summary>
    public static DateTimeOffset EpochMs(long milliseconds)
    {
        long min = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
        long max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
        return DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(milliseconds, min, max));
    }

    private string? ReceiptSignerProblem(CertificateCheck certificate, byte[] leafDer)
    {
        if (_receiptSigner is not null)
        {
            return _receiptSigner.RawDataMemory.Span.SequenceEqual(leafDer) ? null : "the receipt is not signed by the pinned receipt-signing certificate";
        }

        bool isDevice = certificate.Certificate!.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == CertificateValidator.ClientAuthOid));
        return isDevice ? "the receipt is signed by a device certificate, not by the agency's server" : null;
    }

    private List<byte[]> CertificateChain(byte[] bytes)
    {
        var chain = new List<byte[]>(_message.CertificateCount);
        for (int i = 0; i < _message.CertificateCount; i++)
        {
            chain.Add(bytes.AsSpan(_message.GetCertificateOffset(i), _message.GetCertificateLength(i)).ToArray());
        }

        return chain;
    }

    private bool SignatureVerifies(byte[] bytes, ECDsa key)
    {
        byte[] toBeSigned = new byte[Sha256.DigestSizeBytes];
        _message.ComputeToBeSignedDigest(_sha, toBeSigned, 0);
        return key.VerifyHash(toBeSigned, bytes.AsSpan(_message.SignatureOffset, CoseConstants.Es256SignatureBytes), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
