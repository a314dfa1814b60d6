namespace CamAgent.Ingest.Audit;

/// <summary>
/// One decision of the server: who (device, certificate serial, remote address), what (upload,
/// sequence, operation), why (HTTP status and code). The log adds the time, line number and hash link.
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
    public const string Accept = "accept";
    public const string Reject = "reject";
}
