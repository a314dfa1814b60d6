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

    /// <summary>
    /// Appends <paramref name="entry"/> as the next line of the chain. The task completes once
    /// the line is durable and fails with <see cref="IOException"/> when it cannot be written or
    /// made durable (the call may also throw it at once). A decision is answered only after its
    /// line's task completed.
    /// </summary>
    Task AppendAsync(AuditEntry entry);

    /// <summary>Appends <paramref name="entry"/> and waits until it is durable; throws <see cref="IOException"/> when it cannot be.</summary>
    void Append(AuditEntry entry) => AppendAsync(entry).GetAwaiter().GetResult();
}
