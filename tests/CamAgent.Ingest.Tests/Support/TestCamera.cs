using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Evidence;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>A simulated camera: its certificate and key, and its record chain (next sequence, previous record hash).</summary>
public sealed class TestCamera
{
    public const int ChunkSizeBytes = 16384;

    public TestCamera(X509Certificate2 certificate)
    {
        Certificate = certificate;
        DeviceId = certificate.GetNameInfo(X509NameType.SimpleName, false);
    }

    public X509Certificate2 Certificate { get; }

    public string DeviceId { get; }

    public ulong NextSequence { get; set; }

    public byte[] PreviousRecordHash { get; set; } = new byte[32];

    /// <summary>Seals the next record of the chain and advances it.</summary>
    public byte[] Seal(byte[] content, bool isSegment = true)
    {
        byte[] manifest = SealAt(NextSequence, content, isSegment, PreviousRecordHash);
        NextSequence++;
        PreviousRecordHash = SHA256.HashData(manifest);
        return manifest;
    }

    /// <summary>Seals a record at any position without advancing the chain (for conflict tests).</summary>
    public byte[] SealAt(ulong sequence, byte[] content, bool isSegment, byte[] previousRecordHash, long? declaredLength = null, byte[]? digest = null)
    {
        var facts = new ManifestFacts(
            DeviceId,
            sequence,
            isSegment,
            declaredLength ?? content.Length,
            ChunkSizeBytes,
            digest ?? StandInEvidenceFormat.Digest(content),
            previousRecordHash,
            Certificate.RawData);
        using ECDsa key = Certificate.GetECDsaPrivateKey()!;
        return StandInEvidenceFormat.Seal(facts, key);
    }

    public static string UploadIdOf(string deviceId, ulong sequence) => deviceId + "-" + sequence.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
}
