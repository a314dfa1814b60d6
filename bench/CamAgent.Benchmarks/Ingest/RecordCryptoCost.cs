using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Upload;
using CamAgent.Host.Crypto;
using CamAgent.Ingest.Evidence;

namespace CamAgent.Benchmarks.Ingest;

/// <summary>
/// What the evidence format itself costs per record, measured alone with the shipped code (no
/// network, no files): on the server, the content digest over the segment fed in PATCH-sized
/// pieces, the manifest's check (signature and the certificate check's cache), the receipt's
/// encoding and signature (<see cref="CoreEvidenceFormat"/>); on the camera, its check of the
/// receipt (Core's <see cref="PinnedReceiptChecker"/>, the device's managed ES256 verify). The
/// ingest benchmark prints it beside the comparison with the plain upload, which does none of it.
/// </summary>
internal static class RecordCryptoCost
{
    public sealed record Figures(double DigestUs, double ManifestUs, double ReceiptUs, double CameraCheckUs)
    {
        public double ServerUs => DigestUs + ManifestUs + ReceiptUs;
    }

    public static Figures Measure(int segmentBytes, int patchBytes)
    {
        var pki = new IngestBenchPki();
        using X509Certificate2 device = pki.IssueDevice("bench-cost");
        string deviceId = device.GetNameInfo(X509NameType.SimpleName, false);
        using var format = new CoreEvidenceFormat([pki.Root, pki.DeviceCa], new HostEcdsaSigner(pki.Receipt.GetECDsaPrivateKey()!), pki.Receipt);
        byte[] content = RandomNumberGenerator.GetBytes(segmentBytes);
        (long sequence, byte[] manifest) = new BenchSealer(device).Seal(content);
        if (format.ReadManifest(manifest, out ManifestFacts? facts) != ManifestVerdict.Valid)
        {
            throw new InvalidOperationException("the benchmark's manifest was refused");
        }

        byte[] digest = [];
        double digestUs = EcdsaBenchmark.MedianMicroseconds(() =>
        {
            IContentDigestAccumulator accumulator = format.StartContentDigest(facts!.ChunkSizeBytes);
            for (int offset = 0; offset < content.Length; offset += patchBytes)
            {
                accumulator.Append(content, offset, Math.Min(patchBytes, content.Length - offset));
            }

            digest = accumulator.Finish();
        });
        if (!digest.AsSpan().SequenceEqual(facts!.ContentDigest))
        {
            throw new InvalidOperationException("the content digest differs from the manifest's");
        }

        double manifestUs = EcdsaBenchmark.MedianMicroseconds(() => format.ReadManifest(manifest, out _));
        var receiptFacts = new ReceiptFacts(deviceId, facts.Sequence, content.Length, digest, SHA256.HashData(manifest), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), deviceId + "-" + sequence);
        byte[] receipt = [];
        double receiptUs = EcdsaBenchmark.MedianMicroseconds(() => receipt = format.IssueReceipt(receiptFacts));
        PinnedReceiptChecker checker = BenchCamera.ReceiptChecker(pki);
        var job = new UploadJob(sequence, manifest, 0, manifest.Length, new MemoryStream(content, writable: false), content.Length);
        ReceiptCheckStatus checkedStatus = ReceiptCheckStatus.Malformed;
        double cameraUs = EcdsaBenchmark.MedianMicroseconds(() => checkedStatus = checker.Check(job, receipt, 0, receipt.Length));
        if (checkedStatus != ReceiptCheckStatus.Valid)
        {
            throw new InvalidOperationException($"the camera refused the receipt: {checkedStatus}");
        }

        return new Figures(digestUs, manifestUs, receiptUs, cameraUs);
    }
}
