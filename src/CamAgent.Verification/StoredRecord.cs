namespace CamAgent.Verification;

/// <summary>The files stored under one sequence number of a device folder (any may be absent).</summary>
public sealed class StoredRecord
{
    public StoredRecord(long fileSequence)
    {
        FileSequence = fileSequence;
    }

    /// <summary>The sequence number in the file names.</summary>
    public long FileSequence { get; }

    public FileInfo? Manifest { get; set; }

    public FileInfo? Segment { get; set; }

    public FileInfo? Receipt { get; set; }
}
