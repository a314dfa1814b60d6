using CamAgent.Ingest.Evidence;

namespace CamAgent.Ingest.Cluster;

/// <summary>One row of the <c>records</c> table (<see cref="ClusterSchema"/>).</summary>
internal sealed record RecordRow(
    string DeviceId,
    ulong Sequence,
    string UploadId,
    byte[] Manifest,
    long LengthBytes,
    long OffsetBytes,
    string State,
    byte[]? Receipt,
    DateTime LastActivityUtc)
{
    public const string Open = "open";
    public const string Decided = "decided";
    public const string Stored = "stored";
    public const string Gone = "gone";

    /// <summary>The manifest's facts; the row only ever holds a manifest that verified at creation.</summary>
    public ManifestFacts Facts(IEvidenceFormat format) =>
        format.ReadManifest(Manifest, out ManifestFacts? facts) == ManifestVerdict.Valid
            ? facts!
            : throw new IOException($"The manifest of upload {UploadId} in the database no longer verifies.");
}
