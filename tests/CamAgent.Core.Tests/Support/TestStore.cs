using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Evidence;
using CamAgent.Host.Crypto;

namespace CamAgent.Tests.Support;

/// <summary>
/// A store on disk in the ingest server's layout (temp folder, deleted on dispose), filled by a
/// <see cref="TestDevice"/> and receipted with a receipt-signing certificate of the same test CA.
/// </summary>
public sealed class TestStore : IDisposable
{
    /// <summary>
    /// The receipt-signing extended key usage (docs/evidence-format.md §6.1). Its home is
    /// CamAgent.Verification.ReceiptSigningUsage, which the Core tests do not reference; the
    /// verifier tests check that the two are equal.
    /// </summary>
    public const string ReceiptSigningUsage = "2.25.75846366858555131595656447139860705241.1";

    public TestStore(TestPki pki)
    {
        Pki = pki;
        Root = Directory.CreateTempSubdirectory("camagent-store-").FullName;
        ReceiptSigner = HostEcdsaSigner.CreateRandom();
        ReceiptCertificate = pki.IssueSigner("CamAgent Test Receipt Signing", ReceiptSigner.Key, ReceiptSigningUsage);
    }

    public TestPki Pki { get; }

    public string Root { get; }

    public HostEcdsaSigner ReceiptSigner { get; }

    public byte[] ReceiptCertificate { get; }

    /// <summary>Server clock for receipts: a month ahead, after anything a test device records.</summary>
    public long ServerTimeMs { get; set; } = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeMilliseconds();

    public string DeviceFolder(string deviceId) => Path.Combine(Root, "devices", deviceId);

    public string PathOf(string deviceId, long sequence, string extension) => Path.Combine(DeviceFolder(deviceId), $"{sequence:D20}.{extension}");

    /// <summary>Stores a record as the server would: manifest, content (segments only) and a signed receipt.</summary>
    public void Put(TestDevice device, byte[] record, byte[]? content, bool withReceipt = true) => Put(device.DeviceId, record, content, withReceipt);

    /// <summary>Same as the other overload, for records sealed by a device other than a <see cref="TestDevice"/>.</summary>
    public void Put(string deviceId, byte[] record, byte[]? content, bool withReceipt = true)
    {
        var view = new CoseSign1Message();
        Assert.Equal(CoseStatus.Ok, view.Decode(record, 0, record.Length));
        var manifest = new Manifest();
        Assert.Equal(EvidenceStatus.Ok, ManifestCodec.Decode(record, view.PayloadOffset, view.PayloadLength, new CborReader(), manifest, out _));
        Directory.CreateDirectory(DeviceFolder(deviceId));
        File.WriteAllBytes(PathOf(deviceId, manifest.Sequence, "manifest.cose"), record);
        if (manifest.Kind == RecordKind.Segment)
        {
            File.WriteAllBytes(PathOf(deviceId, manifest.Sequence, "segment"), content ?? Array.Empty<byte>());
        }

        if (withReceipt)
        {
            File.WriteAllBytes(PathOf(deviceId, manifest.Sequence, "receipt.cose"), IssueReceipt(manifest, record));
        }
    }

    public byte[] IssueReceipt(Manifest manifest, byte[] record)
    {
        var receipt = new Receipt
        {
            DeviceId = manifest.DeviceId,
            Sequence = manifest.Sequence,
            ContentLength = manifest.ContentLength,
            ServerTimeMs = ServerTimeMs++,
            UploadId = $"{manifest.DeviceId}-{manifest.Sequence}",
        };
        Array.Copy(manifest.ContentDigestBytes, receipt.ContentDigestBytes, 32);
        Array.Copy(System.Security.Cryptography.SHA256.HashData(record), receipt.ManifestDigest, 32);
        byte[] payload = new byte[EvidenceLimits.MaxReceiptBytes];
        var writer = new CborWriter(payload, 0, payload.Length);
        Assert.Equal(EvidenceStatus.Ok, receipt.Encode(writer, out _));
        byte[] output = new byte[CoseSign1Encoder.EncodedSize(ReceiptCertificate.Length, writer.Length)];
        Assert.Equal(CoseStatus.Ok, new CoseSign1Encoder().Sign(ReceiptSigner, ReceiptCertificate, 0, ReceiptCertificate.Length, payload, 0, writer.Length, output, 0, output.Length, out _));
        return output;
    }

    public void Dispose()
    {
        ReceiptSigner.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
