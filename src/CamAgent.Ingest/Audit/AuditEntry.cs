namespace CamAgent.Ingest.Audit;

/// <summary>
/// One decision of the server: who (device, certificate serial, remote address), what (upload,
/// sequence, operation), why (HTTP status and code). The log adds the time, line number and hash
/// link. <see cref="DeviceId"/> and <see cref="CertificateSerial"/> only ever name an
/// authenticated device: what an unauthenticated peer claims goes into a <see cref="Tally"/>.
/// </summary>
/// <param name="Outcome">"accept" or "reject".</param>
/// <param name="Operation">"tls", "create", "patch", "complete", "head", "terminate", "expire" or "options".</param>
/// <param name="Code">The CamAgent-Error code of a rejection, or what was accepted ("created", "stored", ...).</param>
public sealed record AuditEntry(
    string Outcome,
    string Operation,
    string Code,
    int Status = 0,
    string? DeviceId = null,
    string? CertificateSerial = null,
    string? RemoteAddress = null,
    string? UploadId = null,
    ulong? Sequence = null)
{
    public const string Accept = CamAgent.Verification.Audit.AuditLogFormat.Accept;
    public const string Reject = CamAgent.Verification.Audit.AuditLogFormat.Reject;

    /// <summary>Counters of an aggregated line (refusals of unauthenticated peers per window), or null.</summary>
    public RefusalTally? Tally { get; init; }

    /// <summary>On the line that follows a failure to write: how many decisions went unrecorded (then refused with 503), or null.</summary>
    public long? Unrecorded { get; init; }

    /// <summary>An unfinished upload removed because it expired (at start-up, by the sweep, or when next asked for).</summary>
    public static AuditEntry Expired(string uploadId)
    {
        bool parsed = Storage.UploadId.TryParse(uploadId, out string deviceId, out ulong sequence);
        return new AuditEntry(Accept, "expire", "expired", 0, parsed ? deviceId : null, null, null, uploadId, parsed ? sequence : null);
    }
}
