using System.Globalization;
using System.Text;

namespace CamAgent.Verification.Html;

/// <summary>One device in the HTML report: verdict, timeline, records, findings, certificates.</summary>
public static class HtmlDeviceSection
{
    public static void Write(DeviceReport device, StringBuilder html)
    {
        string id = HtmlReportWriter.E(device.DeviceId);
        string verdict = device.IsValid ? "valid" : "invalid";
        html.Append("<section class=\"device\" id=\"device-").Append(id).Append("\">\n");
        html.Append("<h2>Camera ").Append(id).Append(": <span class=\"device-verdict ").Append(verdict).Append("\">").Append(device.IsValid ? "VALID" : "NOT VALID").Append("</span></h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{device.Records.Count} record(s) stored, {device.AuthenticRecords} authentic, {device.VerifiedContentBytes.ToString("N0", CultureInfo.InvariantCulture)} content bytes verified. Folder: {HtmlReportWriter.E(device.Folder)}</p>\n");
        html.Append("<figure class=\"timeline\">\n").Append(TimelineSvg.Render(device)).Append(Legend()).Append("</figure>\n");
        html.Append("<h3>Records</h3>\n");
        Records(device, html);
        html.Append("<h3>Findings</h3>\n");
        if (device.Findings.Count == 0)
        {
            html.Append("<p>None: nothing to explain and nothing wrong.</p>\n");
        }
        else
        {
            FindingsTable(device.Findings, html);
        }

        html.Append("<h3>Device certificates</h3>\n");
        Certificates(device, html);
        html.Append("</section>\n");
    }

    /// <summary>Findings ordered by sequence, most severe first; errors red, warnings amber.</summary>
    public static void FindingsTable(IEnumerable<Finding> findings, StringBuilder html)
    {
        html.Append("<table class=\"findings\">\n<tr><th>Severity</th><th>Where</th><th>Finding</th><th>What it means</th></tr>\n");
        foreach (Finding f in findings.OrderBy(f => f.Sequence ?? -1).ThenByDescending(f => f.Severity))
        {
            string severity = ReportNames.Of(f.Severity);
            string where = f.Sequence is long sequence ? "record " + sequence.ToString(CultureInfo.InvariantCulture) : "folder";
            html.Append("<tr class=\"finding ").Append(severity).Append("\"><td>").Append(severity).Append("</td><td>").Append(where)
                .Append("</td><td>").Append(HtmlReportWriter.E(ReportNames.Words(ReportNames.Of(f.Kind)))).Append("</td><td>").Append(HtmlReportWriter.E(f.Message)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Records(DeviceReport device, StringBuilder html)
    {
        DateTimeOffset[] times = device.Records.SelectMany(r => new[] { r.WallStart, r.WallEnd, r.ReceivedAt }).OfType<DateTimeOffset>().ToArray();
        bool oneDay = times.Length > 0 && times.All(t => t.UtcDateTime.Date == times[0].UtcDateTime.Date);
        Func<DateTimeOffset?, string, string> time = (t, none) => t is null ? none : oneDay ? t.Value.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : HtmlReportWriter.Time(t.Value);
        if (oneDay)
        {
            html.Append("<p>All times UTC, on ").Append(times[0].UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(".</p>\n");
        }

        html.Append("<table class=\"records\">\n<tr><th>Seq</th><th>Record</th><th>Rec.</th><th>Start</th><th>End</th><th>± ms</th><th>Clock</th><th>Bytes</th><th>Received</th><th>Status</th></tr>\n");
        foreach (RecordSummary r in device.Records)
        {
            bool attested = r.ClockState is "valid" or "stepped";
            string error = r.Status == ReportNames.Verified ? "ok" : "error";
            html.Append("<tr class=\"record ").Append(error).Append("\">")
                .Append(Cell(r.Sequence.ToString(CultureInfo.InvariantCulture), "num"))
                .Append(Cell(ReportNames.Words(r.Kind) + (r.Truncated ? " (partial)" : string.Empty)))
                .Append(Cell(r.RecordingId?.ToString(CultureInfo.InvariantCulture) ?? "-", "num"))
                .Append(Cell(time(r.WallStart, "-"), "time"))
                .Append(Cell(time(r.WallEnd, "-"), "time"))
                .Append(Cell(attested ? r.UncertaintyMs.ToString(CultureInfo.InvariantCulture) : "-", "num"))
                .Append(Cell(attested ? r.ClockState : "not attested"))
                .Append(Cell(r.ContentLength.ToString("N0", CultureInfo.InvariantCulture), "num"))
                .Append(Cell(time(r.ReceivedAt, "no receipt"), "time"))
                .Append(Cell(ReportNames.Words(r.Status).Replace(",", ", ", StringComparison.Ordinal)))
                .Append("</tr>\n");
        }

        html.Append("</table>\n<p class=\"note\">A segment's start and end bound when the camera closed its file; an event's, when it happened. True time lies within ± the uncertainty of each. Where the clock is \"not attested\", the record proves its place in the chain, not a wall time.</p>\n");
    }

    private static void Certificates(DeviceReport device, StringBuilder html)
    {
        html.Append("<table class=\"certificates\">\n<tr><th>Subject</th><th>Serial</th><th>Issuer</th><th>Valid (UTC)</th><th>SHA-256 fingerprint</th></tr>\n");
        foreach (CertificateSummary c in device.CertificateDetails)
        {
            html.Append("<tr>").Append(Cell(c.Subject)).Append(Cell(c.Serial, "hex")).Append(Cell(c.Issuer))
                .Append(Cell($"{c.NotBefore.UtcDateTime:yyyy-MM-dd} to {c.NotAfter.UtcDateTime:yyyy-MM-dd}")).Append(Cell(c.Sha256, "hex")).Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string Legend() =>
        "<figcaption>" +
        "<span class=\"swatch\" style=\"background:#5c6bc0\"></span>recording" +
        "<span class=\"swatch\" style=\"background:#2e7d32\"></span>segment, verified" +
        "<span class=\"swatch\" style=\"background:#c8e6c9\"></span>clock uncertainty" +
        "<span class=\"swatch\" style=\"background:#c62828\"></span>altered, missing or refused" +
        "<span class=\"swatch\" style=\"background:#9e9e9e\"></span>clock not attested" +
        "<span class=\"swatch\" style=\"background:#1565c0\"></span>received by the server (receipt)" +
        "</figcaption>\n";

    private static string Cell(string text, string? cssClass = null) =>
        cssClass is null ? $"<td>{HtmlReportWriter.E(text)}</td>" : $"<td class=\"{cssClass}\">{HtmlReportWriter.E(text)}</td>";
}
