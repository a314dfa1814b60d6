using System.Text.Json;

namespace CamAgent.Verification.Audit;

/// <summary>
/// Compares a store with its audit log (docs/evidence-format.md §7.5): every record the log
/// says was stored — an "accept … stored" line, which the server writes only once the record and
/// its receipt are in devices/ — must still be there with its receipt; each one that is not is an
/// error. The comparison uses the lines the hash chain proves intact; a broken chain is an error
/// of its own. Records before the first sequence the store is expected to hold are not looked for.
/// </summary>
public static class AuditCrossCheck
{
    /// <summary>Adds the findings to <paramref name="report"/>; throws <see cref="IOException"/> when the log cannot be read.</summary>
    public static void Apply(VerificationReport report, string storePath, string auditLogPath, long firstSequence)
    {
        ArgumentNullException.ThrowIfNull(report);
        var stored = new List<(long Line, string Time, string DeviceId, long Sequence)>();
        AuditVerification chain = AuditLogVerifier.Verify(auditLogPath, (line, entry) => Collect(line, entry, stored));
        report.AuditLog = auditLogPath;
        if (!chain.IsValid)
        {
            report.StoreFindings.Add(new Finding(string.Empty, null, FindingKind.AuditLogBroken, Severity.Error,
                $"the audit log {auditLogPath} is broken at line {chain.FirstBadLine} ({chain.Problem}); records it lists after line {chain.Lines} were not compared"));
        }

        foreach ((long line, string time, string deviceId, long sequence) in stored.Where(s => s.Sequence >= firstSequence))
        {
            string? missing = MissingPart(storePath, deviceId, sequence);
            if (missing is not null)
            {
                DeviceOf(report, storePath, deviceId).Findings.Add(new Finding(deviceId, sequence, FindingKind.AuditedRecordMissing, Severity.Error,
                    $"audit log line {line} records this record as stored at {time} (server clock), but the store has no {missing} for it"));
            }
        }
    }

    private static void Collect(long line, JsonElement entry, List<(long, string, string, long)> stored)
    {
        if (Text(entry, "outcome") == AuditLogFormat.Accept && Text(entry, "code") == AuditLogFormat.StoredCode
            && Text(entry, "device") is string deviceId && IsDeviceId(deviceId)
            && entry.TryGetProperty("sequence", out JsonElement sequence) && sequence.TryGetInt64(out long value) && value >= 0)
        {
            stored.Add((line, Text(entry, "time") ?? "?", deviceId, value));
        }
    }

    // A device id names a folder: only ids the format allows are looked up.
    private static bool IsDeviceId(string deviceId) => Core.Evidence.Manifest.IsValidDeviceId(deviceId);

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? MissingPart(string storePath, string deviceId, long sequence)
    {
        string stem = Path.Combine(storePath, EvidenceStore.DevicesFolder, deviceId, EvidenceStore.FileStem(sequence));
        if (!File.Exists(stem + EvidenceStore.ManifestSuffix))
        {
            return "record";
        }

        return File.Exists(stem + EvidenceStore.ReceiptSuffix) ? null : "receipt";
    }

    private static DeviceReport DeviceOf(VerificationReport report, string storePath, string deviceId)
    {
        DeviceReport? device = report.Devices.FirstOrDefault(d => string.Equals(d.DeviceId, deviceId, StringComparison.Ordinal));
        if (device is null)
        {
            device = new DeviceReport(deviceId, Path.Combine(storePath, EvidenceStore.DevicesFolder, deviceId));
            report.Devices.Add(device);
        }

        return device;
    }
}
