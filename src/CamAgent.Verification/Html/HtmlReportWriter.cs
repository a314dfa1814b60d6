using System.Globalization;
using System.Net;
using System.Text;

namespace CamAgent.Verification.Html;

/// <summary>
/// The chain-of-custody report as one self-contained HTML page, for a court, a supervisor or an
/// auditor: the verdict first, what was checked and against which certificates, then per device a
/// timeline picture (<see cref="TimelineSvg"/>), the records, the findings and the certificates.
/// Everything is inline (CSS, SVG); the page fetches nothing and runs no script. It prints on A4.
/// </summary>
public static class HtmlReportWriter
{
    public static string Render(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        html.Append("<title>Chain-of-custody report: ").Append(E(report.Input)).Append("</title>\n<style>\n").Append(HtmlStyle.Css).Append("</style>\n</head>\n<body>\n");
        Verdict(report, html);
        Checked(report, html);
        foreach (DeviceReport device in report.Devices)
        {
            HtmlDeviceSection.Write(device, html);
        }

        html.Append("<footer>Written by camagent verify from the files under ").Append(E(report.Input))
            .Append(". The format and every check are specified in docs/evidence-format.md §7 of the CamAgent project; anyone holding the agency root certificate can repeat them.</footer>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>HTML-escapes text.</summary>
    public static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A UTC time as the reports print it.</summary>
    public static string Time(DateTimeOffset time) => ReportWriter.Time(time);

    private static void Verdict(VerificationReport report, StringBuilder html)
    {
        int records = report.Devices.Sum(d => d.Records.Count);
        int authentic = report.Devices.Sum(d => d.AuthenticRecords);
        string bytes = report.Devices.Sum(d => d.VerifiedContentBytes).ToString("N0", CultureInfo.InvariantCulture);
        html.Append("<header id=\"verdict\" class=\"verdict ").Append(report.IsValid ? "valid" : "invalid").Append("\">\n");
        html.Append("<h1>").Append(report.IsValid ? "VALID" : "NOT VALID").Append("</h1>\n");
        html.Append("<p>").Append(report.IsValid
            ? "Every record below is authentic, complete and in order."
            : "Some evidence below is altered, missing or out of order: see the findings in red.").Append("</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{report.Devices.Count} device(s), {records} record(s) stored, {authentic} authentic, {bytes} content bytes verified; {report.ErrorCount} error(s), {report.WarningCount} warning(s).</p>\n");
        html.Append("<p>Evidence: ").Append(E(report.Input)).Append(". Verified at ").Append(Time(report.VerifiedAt)).Append(" UTC (the verifier's clock).</p>\n</header>\n");
    }

    private static void Checked(VerificationReport report, StringBuilder html)
    {
        html.Append("<section id=\"checked\">\n<h2>What was checked</h2>\n<ul class=\"checked\">\n");
        html.Append("<li>Each device certificate chains to the trusted agency certificates below and was valid when used.</li>\n");
        html.Append("<li>Every record's ES256 signature, and every segment's content against the digest it signed.</li>\n");
        html.Append("<li>The chain: sequence numbers without unexplained gaps, each record linked to the one before it.</li>\n");
        html.Append("<li>The time attestation: clocks, uncertainty windows and their order.</li>\n");
        html.Append("<li>The ingest server's signed receipts: what the server received, and when.</li>\n");
        if (report.AuditLog is not null)
        {
            html.Append("<li>The server's audit log (").Append(E(report.AuditLog)).Append("): every record it lists as stored is still in the store.</li>\n");
        }

        html.Append("</ul>\n<h3>Trusted agency certificates</h3>\n<table>\n<tr><th>Subject</th><th>SHA-256 fingerprint</th></tr>\n");
        foreach (string anchor in report.TrustAnchors)
        {
            int split = anchor.LastIndexOf(" (SHA-256 ", StringComparison.Ordinal);
            string subject = split < 0 ? anchor : anchor[..split];
            string fingerprint = split < 0 ? string.Empty : anchor[(split + 10)..].TrimEnd(')');
            html.Append("<tr><td>").Append(E(subject)).Append("</td><td class=\"hex\">").Append(E(fingerprint)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (report.StoreFindings.Count > 0)
        {
            html.Append("<h3>Findings about the store as a whole</h3>\n");
            HtmlDeviceSection.FindingsTable(report.StoreFindings, html);
        }

        html.Append("</section>\n");
    }
}
