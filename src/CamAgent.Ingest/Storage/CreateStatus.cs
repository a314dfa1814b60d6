namespace CamAgent.Ingest.Storage;

/// <summary>Outcome of creating an upload for a verified manifest.</summary>
public enum CreateStatus
{
    /// <summary>A new upload was created.</summary>
    Created,

    /// <summary>The same manifest was created before: the existing upload (or stored record) is returned.</summary>
    AlreadyExists,

    /// <summary>A record without content (continuity record) was stored and receipted at once.</summary>
    StoredWithoutContent,

    /// <summary>This sequence number already belongs to a different manifest.</summary>
    SequenceConflict,

    /// <summary>The manifest's previous-record hash does not match the stored neighbour (or the next one does not link to it).</summary>
    ChainLinkMismatch,

    /// <summary>The device already holds the maximum number of unfinished uploads.</summary>
    TooManyOpenUploads,

    /// <summary>An empty segment whose manifest names a digest other than that of empty content; nothing was stored.</summary>
    DigestMismatch,
}
