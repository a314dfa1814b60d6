using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CamAgent.Ingest.Evidence;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// A stand-in for the evidence formats while Core's CBOR/COSE code is not available to this
/// test project: a manifest is JSON facts + "." + ECDSA P-256 signature (base64) by the device
/// key; the content digest is SHA-256; receipts are signed JSON. It behaves like the real format
/// where the server depends on it (signature bound to the carried certificate, digest over the
/// received bytes, receipts signed by the server key).
/// </summary>
public sealed class StandInEvidenceFormat : IEvidenceFormat
{
    private readonly ECDsa _receiptKey;

    public StandInEvidenceFormat(ECDsa receiptKey)
    {
        _receiptKey = receiptKey;
    }

    public static byte[] Seal(ManifestFacts facts, ECDsa deviceKey)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(facts);
        byte[] signature = deviceKey.SignData(json, HashAlgorithmName.SHA256);
        return Encoding.ASCII.GetBytes(Convert.ToBase64String(json) + "." + Convert.ToBase64String(signature));
    }

    public static byte[] Digest(byte[] content) => SHA256.HashData(content);

    public ManifestVerdict ReadManifest(byte[] coseSign1, out ManifestFacts? facts)
    {
        facts = null;
        try
        {
            string[] parts = Encoding.ASCII.GetString(coseSign1).Split('.');
            if (parts.Length != 2)
            {
                return ManifestVerdict.Malformed;
            }

            byte[] json = Convert.FromBase64String(parts[0]);
            ManifestFacts? read = JsonSerializer.Deserialize<ManifestFacts>(json);
            if (read is null || read.SignerCertificateDer is null || read.ContentDigest is null || read.PreviousRecordHash is null)
            {
                return ManifestVerdict.Malformed;
            }

            using var certificate = X509CertificateLoader.LoadCertificate(read.SignerCertificateDer);
            using ECDsa? key = certificate.GetECDsaPublicKey();
            if (key is null || !key.VerifyData(json, Convert.FromBase64String(parts[1]), HashAlgorithmName.SHA256))
            {
                return ManifestVerdict.SignatureInvalid;
            }

            facts = read;
            return ManifestVerdict.Valid;
        }
        catch (Exception e) when (e is FormatException or JsonException or CryptographicException or ArgumentException)
        {
            return ManifestVerdict.Malformed;
        }
    }

    public IContentDigestAccumulator StartContentDigest(int chunkSizeBytes) => new Sha256Accumulator();

    public byte[] IssueReceipt(ReceiptFacts facts)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(facts);
        byte[] signature = _receiptKey.SignData(json, HashAlgorithmName.SHA256);
        return Encoding.ASCII.GetBytes(Convert.ToBase64String(json) + "." + Convert.ToBase64String(signature));
    }

    /// <summary>Checks a receipt's signature with the receipt key and returns its facts.</summary>
    public static ReceiptFacts ReadReceipt(byte[] receipt, ECDsa receiptPublicKey)
    {
        string[] parts = Encoding.ASCII.GetString(receipt).Split('.');
        byte[] json = Convert.FromBase64String(parts[0]);
        Assert.True(receiptPublicKey.VerifyData(json, Convert.FromBase64String(parts[1]), HashAlgorithmName.SHA256), "receipt signature");
        return JsonSerializer.Deserialize<ReceiptFacts>(json)!;
    }

    private sealed class Sha256Accumulator : IContentDigestAccumulator
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long LengthBytes { get; private set; }

        public void Append(byte[] buffer, int offset, int count)
        {
            _hash.AppendData(buffer, offset, count);
            LengthBytes += count;
        }

        public byte[] Finish() => _hash.GetHashAndReset();
    }
}
