using System.Security.Cryptography;

namespace CamAgent.Verification;

/// <summary>
/// Entry point of offline verification: checks everything stored under a folder (a store as the
/// ingest server writes it, or a single device folder) against the agency's certificates and
/// returns a report. Reads files only; never writes, never contacts the network.
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
        using var authenticator = new RecordAuthenticator(options.AgencyCertificates, options.ReceiptSigner);
        var verifier = new DeviceVerifier(authenticator, options);
        foreach (DeviceFolder folder in folders)
        {
            report.Devices.Add(verifier.Verify(folder));
        }

        return report;
    }
}
