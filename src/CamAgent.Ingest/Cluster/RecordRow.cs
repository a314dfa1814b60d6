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
}
