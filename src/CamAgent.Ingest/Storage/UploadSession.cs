using CamAgent.Ingest.Evidence;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// An unfinished upload. Its offset is the length of its data file, which only grows, and only
/// after the bytes are on disk. One request at a time may change it: holders of <see cref="Gate"/>.
/// </summary>
public sealed class UploadSession
{
    internal UploadSession(string uploadId, byte[] manifest, ManifestFacts facts, long offsetBytes, DateTime lastActivityUtc)
    {
        Id = uploadId;
        Manifest = manifest;
        Facts = facts;
        OffsetBytes = offsetBytes;
        LastActivityUtc = lastActivityUtc;
    }

    public string Id { get; }

    public string DeviceId => Facts.DeviceId;

    public ulong Sequence => Facts.Sequence;

    /// <summary>The manifest's COSE_Sign1 bytes as received at creation.</summary>
    public byte[] Manifest { get; }

    public ManifestFacts Facts { get; }

    public long LengthBytes => Facts.ContentLengthBytes;

    /// <summary>Bytes durably stored (the tus Upload-Offset).</summary>
    public long OffsetBytes { get; internal set; }

    public DateTime LastActivityUtc { get; internal set; }

    /// <summary>Set once the upload was finished, terminated or expired; holders of the gate must check it.</summary>
    public bool IsClosed { get; internal set; }

    /// <summary>Serialises requests that change this upload.</summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Digest of bytes [0, OffsetBytes); null until rebuilt from disk after a start or a failed write.</summary>
    internal IContentDigestAccumulator? Digest { get; set; }
}
