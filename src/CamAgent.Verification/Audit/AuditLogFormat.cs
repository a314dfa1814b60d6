namespace CamAgent.Verification.Audit;

/// <summary>
/// The facts of the ingest server's audit log format (docs/ingest-server.md §7) that its one writer
/// (CamAgent.Ingest's AuditLog) and its readers (`camagent audit verify`, `camagent verify`) share.
/// </summary>
public static class AuditLogFormat
{
    /// <summary>File name of the log in the store folder.</summary>
    public const string FileName = "audit.log";

    /// <summary>"prev" of the first line: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>
    /// Longest line a reader accepts. The writer cannot reach it: every string field is cut to
    /// <see cref="MaxFieldChars"/> characters and at most <see cref="MaxFields"/> fields exist,
    /// so a line stays below 16 × 128 × 6 (the longest JSON escape of one character) bytes.
    /// </summary>
    public const int MaxLineBytes = 16 * 1024;

    /// <summary>Longest string value the writer records; longer values are cut and marked.</summary>
    public const int MaxFieldChars = 128;

    /// <summary>Upper bound of the fields one line carries (the counters map counts as one per code).</summary>
    public const int MaxFields = 20;

    /// <summary>Outcome of a decision that let the request through.</summary>
    public const string Accept = "accept";

    /// <summary>Outcome of a refusal.</summary>
    public const string Reject = "reject";

    /// <summary>The code of an accepted decision that stored a record (create of a record without content, or the last PATCH).</summary>
    public const string StoredCode = "stored";
}
