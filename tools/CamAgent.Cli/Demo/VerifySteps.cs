using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Provisioning;
using CamAgent.Verification;
using CamAgent.Verification.Html;

namespace CamAgent.Cli.Demo;

/// <summary>The demo's last step: the offline verifier over what the server stored, as `camagent verify` runs it.</summary>
public static class VerifySteps
{
    /// <summary>Verifies the store against the agency CAs and the receipt-signing certificate; writes the text report to <see cref="DemoWorkspace.ReportFile"/>.</summary>
    public static DemoOutcome VerifyStore(DemoWorkspace w)
    {
        var layout = new PkiLayout(w.PkiFolder);
        var agency = new X509Certificate2Collection();
        agency.ImportFromPemFile(layout.RootCaCertificate);
        agency.ImportFromPemFile(layout.DeviceCaCertificate);
        using X509Certificate2 receiptSigner = X509Certificate2.CreateFromPem(File.ReadAllText(layout.ReceiptCertificate));
        var options = new VerificationOptions(agency.ToArray()) { ReceiptSigner = receiptSigner };
        VerificationReport? report = EvidenceVerifier.Verify(w.StoreFolder, options, out string? problem);
        if (report is null)
        {
            return DemoOutcome.Failed("the store could not be verified: " + problem);
        }

        using (var writer = new StreamWriter(w.ReportFile))
        {
            ReportWriter.WriteText(report, writer);
        }

        File.WriteAllText(w.HtmlReportFile, HtmlReportWriter.Render(report));

        int records = report.Devices.Sum(d => d.AuthenticRecords);
        long bytes = report.Devices.Sum(d => d.VerifiedContentBytes);
        string figures = $"{report.Devices.Count} devices, {records} authentic records, {bytes.ToString("N0", CultureInfo.InvariantCulture)} content bytes verified, {report.ErrorCount} errors, {report.WarningCount} warnings; reports {w.ReportFile} and {Path.GetFileName(w.HtmlReportFile)}";
        return report.IsValid
            ? DemoOutcome.Done("VALID: " + figures)
            : DemoOutcome.Failed("the verifier found the stored evidence NOT valid: " + figures);
    }
}
