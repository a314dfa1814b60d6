using System.Security.Cryptography;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Evidence;
using CamAgent.Host.Crypto;

namespace CamAgent.Benchmarks.Cpu;

/// <summary>
/// The server side of the receipt (docs/evidence-format.md §6) for the in-process sink: a receipt
/// key generated now, a receipt per sealed record. Runs outside the benchmark's counting windows.
/// </summary>
internal sealed class ReceiptFactory : IDisposable
{
    private readonly HostEcdsaSigner _signer = HostEcdsaSigner.CreateRandom();
    private readonly byte[] _certificate;

    // The device checks receipts against the pinned key only and carries the certificate as
    // opaque bytes: a placeholder of a P-256 certificate's usual size keeps the counts identical
    // from run to run.
    private const int CertificateBytes = 500;

    public ReceiptFactory()
    {
        _certificate = new byte[CertificateBytes];
        new Random(13).NextBytes(_certificate);
        PublicKey = new byte[65];
        _signer.GetPublicKey(PublicKey, 0);
    }

    /// <summary>The 65-byte SEC1 point the device pins.</summary>
    public byte[] PublicKey { get; }

    /// <summary>A receipt for <paramref name="record"/> (COSE_Sign1 bytes) with the given server time.</summary>
    public byte[] Issue(byte[] record, long serverTimeMs)
    {
        var view = new CoseSign1Message();
        Check(view.Decode(record, 0, record.Length) == CoseStatus.Ok);
        var manifest = new Manifest();
        Check(ManifestCodec.Decode(record, view.PayloadOffset, view.PayloadLength, new CborReader(), manifest, out _) == EvidenceStatus.Ok);
        var receipt = new Receipt
        {
            DeviceId = manifest.DeviceId,
            Sequence = manifest.Sequence,
            ContentLength = manifest.ContentLength,
            ServerTimeMs = serverTimeMs,
            UploadId = $"{manifest.DeviceId}-{manifest.Sequence:D20}",
        };
        manifest.ContentDigestBytes.CopyTo(receipt.ContentDigestBytes, 0);
        SHA256.HashData(record).CopyTo(receipt.ManifestDigest, 0);
        byte[] payload = new byte[EvidenceLimits.MaxReceiptBytes];
        var writer = new CborWriter(payload, 0, payload.Length);
        Check(receipt.Encode(writer, out _) == EvidenceStatus.Ok);
        byte[] output = new byte[EvidenceLimits.MaxReceiptRecordBytes];
        Check(new CoseSign1Encoder().Sign(_signer, _certificate, 0, _certificate.Length, payload, 0, writer.Length, output, 0, output.Length, out int written) == CoseStatus.Ok);
        return output[..written];
    }

    public void Dispose() => _signer.Dispose();

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("receipt could not be issued");
        }
    }
}
