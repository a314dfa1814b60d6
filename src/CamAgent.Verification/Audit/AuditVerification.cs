namespace CamAgent.Verification.Audit;

/// <summary>Result of checking an audit log's hash chain.</summary>
/// <param name="IsValid">True when every line parses, is numbered in order and links to the one before.</param>
/// <param name="Lines">Lines shown intact: all of them when valid, else those before <paramref name="FirstBadLine"/>.</param>
/// <param name="HeadHash">SHA-256 (hex) of the last intact line: compare with a copy kept elsewhere.</param>
/// <param name="FirstBadLine">1-based number of the first line that was altered, inserted, removed or moved, or 0.</param>
/// <param name="Problem">What is wrong at that line, or null.</param>
public sealed record AuditVerification(bool IsValid, long Lines, string HeadHash, long FirstBadLine, string? Problem);
