using System.Security.Cryptography;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Evidence;
using CamAgent.Host.Crypto;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.UploadSupport;

/// <summary>Issues real COSE_Sign1 receipts (docs/evidence-format.md) with a receipt key generated now, as the ingest server does.</summary>
public sealed class TestReceiptIssuer : IDisposable
{
    private readonly HostEcdsaSigner _signer = HostEcdsaSigner.CreateRandom();
    private readonly byte[] _certificate;

    public TestReceiptIssuer(TestPki pki)
    {
        _certificate = pki.IssueSigner("CamAgent Test Receipts", _signer.Key);
        PublicKey = new byte[65];
        _signer.GetPublicKey(PublicKey, 0);
    }

    /// <summary>The 65-byte SEC1 point a device pins.</summary>
    public byte[] PublicKey { get; }

    /// <summary>A receipt for the sealed record and its content; <paramref name="edit"/> may falsify a field first.</summary>
    public byte[] Issue(byte[] record, byte[] content, Action<Receipt>? edit = null)
    {
        var view = new CoseSign1Message();
        Assert.Equal(CoseStatus.Ok, view.Decode(record, 0, record.Length));
        var manifest = new Manifest();
        Assert.Equal(EvidenceStatus.Ok, ManifestCodec.Decode(record, view.PayloadOffset, view.PayloadLength, new CborReader(), manifest, out _));
        var receipt = new Receipt
        {
            DeviceId = manifest.DeviceId,
            Sequence = manifest.Sequence,
            ContentLength = content.Length,
            ServerTimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            UploadId = $"{manifest.DeviceId}-{manifest.Sequence:D20}",
        };
        manifest.ContentDigestBytes.CopyTo(receipt.ContentDigestBytes, 0);
        SHA256.HashData(record).CopyTo(receipt.ManifestDigest, 0);
        edit?.Invoke(receipt);
        byte[] payload = new byte[EvidenceLimits.MaxReceiptBytes];
        var writer = new CborWriter(payload, 0, payload.Length);
        Assert.Equal(EvidenceStatus.Ok, receipt.Encode(writer, out _));
        byte[] output = new byte[EvidenceLimits.MaxReceiptRecordBytes];
        Assert.Equal(CoseStatus.Ok, new CoseSign1Encoder().Sign(_signer, _certificate, 0, _certificate.Length, payload, 0, writer.Length, output, 0, output.Length, out int written));
        return output[..written];
    }

    public void Dispose() => _signer.Dispose();
}
