namespace CamAgent.Ingest.Audit;

/// <summary>
/// The hash-chained audit log (docs/ingest-server.md §7): a file (<see cref="AuditLog"/>) or a
/// table shared by every node of a cluster store. Either way one chain, one line format
/// (CamAgent.Verification.Audit.AuditLogFormat), and a line is durable before its decision is answered.
/// </summary>
public interface IAuditLog : IDisposable
{
    /// <summary>SHA-256 (hex) of the last line written.</summary>
    string HeadHash { get; }

    /// <summary>Appends <paramref name="entry"/> durably; throws <see cref="IOException"/> when it cannot.</summary>
    void Append(AuditEntry entry);
}
