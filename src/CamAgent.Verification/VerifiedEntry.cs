using CamAgent.Core.Evidence;

namespace CamAgent.Verification;

/// <summary>What the verifier established about the files stored under one sequence number.</summary>
public sealed class VerifiedEntry
{
    public VerifiedEntry(StoredRecord stored, ManifestCheck? manifest)
    {
        Stored = stored;
        ManifestCheck = manifest;
    }

    public StoredRecord Stored { get; }

    public long FileSequence => Stored.FileSequence;

    /// <summary>Null when there is no manifest file (or it could not be read).</summary>
    public ManifestCheck? ManifestCheck { get; }

    /// <summary>The authentic manifest, or null.</summary>
    public Manifest? Manifest => ManifestCheck?.Manifest;

    public bool IsAuthentic => ManifestCheck?.IsAuthentic == true;

    /// <summary>True once the content matched the manifest.</summary>
    public bool ContentVerified { get; set; }

    public ReceiptCheck? Receipt { get; set; }

    /// <summary>True when a receipt verified and matches this record.</summary>
    public bool ReceiptVerified { get; set; }

    /// <summary>True when this entry is a copy of another and takes no place in the chain.</summary>
    public bool IsDuplicate { get; set; }
}
