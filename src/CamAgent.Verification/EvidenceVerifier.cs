using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Verification.Audit;

namespace CamAgent.Verification;

/// <summary>
/// Entry point of offline verification: checks everything stored under a folder (a store as the
/// ingest server writes it, or a single device folder) against the agency's certificates and
/// returns a report, compared with the server's audit log when there is one. Reads files only;
/// never writes, never contacts the network.
/// </summary>
public static class EvidenceVerifier
{
    /// <summary>
    /// Verifies <paramref name="path"/>. Returns null with <paramref name="problem"/> when the input
    /// cannot be verified at all (not a folder, no records).
    /// </summary>
    public static VerificationReport? Verify(string path, VerificationOptions options, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<DeviceFolder>? folders = EvidenceStore.Scan(path, out problem);
        if (folders is null)
        {
            return null;
        }

        var anchors = options.AgencyCertificates
            .Select(c => $"{c.Subject} (SHA-256 {Convert.ToHexString(SHA256.HashData(c.RawData))})")
            .ToList();
        var report = new VerificationReport(path, anchors, DateTimeOffset.UtcNow);
        IReadOnlyList<X509Certificate2> issuers = EvidenceStore.ReadIssuers(path);
        try
        {
            using var authenticator = new RecordAuthenticator(options.AgencyCertificates, options.ReceiptSigner, issuers);
            var progress = new RecordCounter(options.Progress, folders.Sum(f => f.Records.Count));
            var verifier = new DeviceVerifier(authenticator, options, progress.Checked);
            foreach (DeviceFolder folder in folders)
            {
                report.Devices.Add(verifier.Verify(folder));
            }
        }
        finally
        {
            foreach (X509Certificate2 issuer in issuers)
            {
                issuer.Dispose();
            }
        }

        return CompareAuditLog(report, path, options, out problem) ? report : null;
    }

    // The log beside devices/ is used when there is one; a log named explicitly must be readable.
    private static bool CompareAuditLog(VerificationReport report, string path, VerificationOptions options, out string? problem)
    {
        problem = null;
        string? log = options.AuditLogPath;
        string beside = Path.Combine(path, AuditLogFormat.FileName);
        if (log is null && File.Exists(beside) && Directory.Exists(Path.Combine(path, EvidenceStore.DevicesFolder)))
        {
            log = beside;
        }

        if (log is null)
        {
            return true;
        }

        try
        {
            AuditCrossCheck.Apply(report, path, log, options.FirstSequence);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read the audit log '{log}': {exception.Message}";
            return false;
        }
    }
}
