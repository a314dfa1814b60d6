using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CamAgent.Verification;

/// <summary>
/// Renders a <see cref="VerificationReport"/> as a chain-of-custody report for people (plain
/// text; <see cref="HtmlReportWriter"/> for a page) or as JSON for tools. All carry the same
/// facts; the JSON field names and values are camelCase and stable (docs/evidence-format.md §7.6).
/// </summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void WriteJson(VerificationReport report, TextWriter output)
    {
        var document = new
        {
            input = report.Input,
            verifiedAt = report.VerifiedAt,
            valid = report.IsValid,
            errors = report.ErrorCount,
            warnings = report.WarningCount,
            trustAnchors = report.TrustAnchors,
            auditLog = report.AuditLog,
            storeFindings = report.StoreFindings,
            devices = report.Devices.Select(d => new
            {
                deviceId = d.DeviceId,
                folder = d.Folder,
                valid = d.IsValid,
                certificates = d.Certificates,
                authenticRecords = d.AuthenticRecords,
                verifiedContentBytes = d.VerifiedContentBytes,
                records = d.Records,
                findings = d.Findings,
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
    }

    public static void WriteText(VerificationReport report, TextWriter output)
    {
        output.WriteLine("CamAgent evidence verification report");
        output.WriteLine("=====================================");
        output.WriteLine($"Input:        {report.Input}");
        output.WriteLine($"Verified at:  {Time(report.VerifiedAt)} (verifier clock)");
        foreach (string anchor in report.TrustAnchors)
        {
            output.WriteLine($"Trusted:      {anchor}");
        }

        output.WriteLine("Checked:      device certificates against the trusted agency certificates, every ES256");
        output.WriteLine("              signature, every content digest, the chain of sequence numbers and links,");
        output.WriteLine("              the time attestation, and the server receipts.");
        if (report.AuditLog is not null)
        {
            output.WriteLine($"Audit log:    {report.AuditLog}: every record it lists as stored was looked for in the store");
        }

        foreach (Finding finding in report.StoreFindings)
        {
            output.WriteLine($"  [{Mark(finding.Severity)}] store     {finding.Kind}: {finding.Message}");
        }

        foreach (DeviceReport device in report.Devices)
        {
            WriteDevice(device, output);
        }

        output.WriteLine();
        output.WriteLine(report.IsValid
            ? $"VERDICT: VALID. Every record above is authentic, complete and in order ({report.WarningCount} warning(s))."
            : $"VERDICT: NOT VALID. {report.ErrorCount} error(s), {report.WarningCount} warning(s); see the findings above.");
    }

    private static void WriteDevice(DeviceReport device, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Device {device.DeviceId}");
        output.WriteLine(new string('-', 7 + device.DeviceId.Length));
        output.WriteLine($"Folder:       {device.Folder}");
        foreach (string certificate in device.Certificates)
        {
            output.WriteLine($"Certificate:  {certificate}");
        }

        output.WriteLine($"Records:      {device.Records.Count} stored, {device.AuthenticRecords} authentic, {device.VerifiedContentBytes.ToString("N0", CultureInfo.InvariantCulture)} content bytes verified");
        output.WriteLine();
        output.WriteLine($"  {"Seq",5}  {"Record",-19}  {"Rec",3}  {"Start (UTC)",-23}  {"End (UTC)",-23}  {"Uncertainty",11}  {"Clock",-12}  {"Bytes",11}  {"Receipt",-7}  Status");
        foreach (RecordSummary record in device.Records)
        {
            output.WriteLine(Row(record));
        }

        output.WriteLine("  (A segment's start and end bound when the camera closed its file; an event's, when it happened.");
        output.WriteLine("   True time lies within the uncertainty of each. A clock \"not attested\" proves no wall time.)");
        WriteFindings(device, output);
        output.WriteLine();
        output.WriteLine(device.IsValid ? $"Device {device.DeviceId}: VALID" : $"Device {device.DeviceId}: NOT VALID");
    }

    private static string Row(RecordSummary record)
    {
        bool attested = record.ClockState is "valid" or "stepped";
        string start = record.WallStart is null ? "-" : Time(record.WallStart.Value);
        string end = record.WallEnd is null ? "-" : Time(record.WallEnd.Value);
        string uncertainty = attested ? $"±{record.UncertaintyMs.ToString(CultureInfo.InvariantCulture)} ms" : "-";
        string clock = attested ? record.ClockState : "not attested";
        string kind = ReportNames.Words(record.Kind) + (record.Truncated ? " (partial)" : string.Empty);
        string recording = record.RecordingId?.ToString(CultureInfo.InvariantCulture) ?? "-";
        string bytes = record.ContentLength.ToString("N0", CultureInfo.InvariantCulture);
        return $"  {record.Sequence,5}  {kind,-19}  {recording,3}  {start,-23}  {end,-23}  {uncertainty,11}  {clock,-12}  {bytes,11}  {(record.ReceiptVerified ? "yes" : "no"),-7}  {record.Status}";
    }

    private static void WriteFindings(DeviceReport device, TextWriter output)
    {
        if (device.Findings.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("  Findings (E = error, W = warning, i = explanation):");
        foreach (Finding finding in device.Findings.OrderBy(f => f.Sequence ?? -1).ThenByDescending(f => f.Severity))
        {
            char mark = Mark(finding.Severity);
            string where = finding.Sequence is null ? "folder" : "seq " + finding.Sequence.Value.ToString(CultureInfo.InvariantCulture);
            output.WriteLine($"  [{mark}] {where,-9} {finding.Kind}: {finding.Message}");
        }
    }

    private static char Mark(Severity severity) => severity switch { Severity.Error => 'E', Severity.Warning => 'W', _ => 'i' };

    internal static string Time(DateTimeOffset time)
    {
        return time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
    }
}
