namespace CamAgent.Ingest.Audit;

/// <summary>Result of checking an audit log's hash chain.</summary>
/// <param name="IsValid">True when every line parses, is numbered in order and links to the one before.</param>
/// <param name="Lines">Lines read.</param>
/// <param name="HeadHash">SHA-256 (hex) of the last line: compare with a copy kept elsewhere.</param>
/// <param name="FirstBadLine">1-based number of the first line that breaks the chain, or 0.</param>
/// <param name="Problem">What is wrong with that line, or null.</param>
public sealed record AuditVerification(bool IsValid, long Lines, string HeadHash, long FirstBadLine, string? Problem);
