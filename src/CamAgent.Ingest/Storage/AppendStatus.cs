namespace CamAgent.Ingest.Storage;

/// <summary>Outcome of appending a PATCH body.</summary>
public enum AppendStatus
{
    /// <summary>All bytes are on disk; the upload needs more.</summary>
    Stored,

    /// <summary>The last byte arrived, the content digest matches, the record is stored and receipted.</summary>
    Completed,

    /// <summary>The last byte arrived and the content digest does not match the manifest: the upload was discarded.</summary>
    DigestMismatch,

    /// <summary>The body ended early or broke off; the bytes that arrived are on disk and acknowledged by the offset.</summary>
    BodyIncomplete,

    /// <summary>The upload was finished, terminated or expired by another request meanwhile.</summary>
    Closed,

    /// <summary>The request's offset is not the upload's offset.</summary>
    OffsetMismatch,

    /// <summary>Another request is writing to this upload (423 Locked); the client retries.</summary>
    Busy,
}
