using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Cli.Progress;
using CamAgent.Provisioning;
using CamAgent.Verification;
using CamAgent.Verification.Html;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent verify`: offline verification of stored evidence (docs/evidence-format.md §7).</summary>
public sealed class VerifyCommand : Verb
{
    /// <summary>A PEM file of agency certificates is a few KiB; anything this large is not one.</summary>
    private const long MaxPemBytes = 1024 * 1024;

    private readonly Option<string> _store = CliOptions.Store("the evidence to verify: a store as the ingest server writes it, or one device folder");
    private readonly Option<string[]> _ca = new("--ca") { Description = "PEM file with the agency root CA (and the device-issuing CA if the store does not keep it in issuers/); repeatable. Only these certificates are trusted", HelpName = "FILE", Required = true };
    private readonly Option<string> _receiptSigner = CliOptions.Text("--receipt-signer", "FILE", "PEM of the receipt-signing certificate to pin (default: any agency certificate with the CamAgent receipt-signing usage)", required: false);
    private readonly Option<string> _auditLog = CliOptions.Text("--audit-log", "FILE", "the ingest server's audit log to compare the store with (default: <store>/audit.log when there is one)", required: false);
    private readonly Option<long> _fromSequence = CliOptions.Number("--from-sequence", "N", "the store holds the chain from sequence N on (older records were removed under a retention policy)", minimum: 0, fallback: 0);
    private readonly Option<bool> _noReceipts = new("--no-receipts") { Description = "do not warn about records without a receipt" };
    private readonly Option<bool> _json = CliOptions.Json("print the report as JSON (docs/evidence-format.md §7.6) instead of text");
    private readonly Option<string> _html = CliOptions.Text("--html", "FILE", "also write the chain-of-custody report as one self-contained HTML page (timeline per device; prints on A4)", required: false);

    public override string Name => "verify";

    public override string Summary => "Verify stored evidence offline against the agency CA (chain-of-custody report).";

    public override string Details => """
        For every record: the device certificate against the agency certificates, the ES256
        signature, the content digest of the segment, the server receipt; for each device's chain:
        the sequence numbers, the links between records and the time attestation. When the store
        holds the server's audit log (<store>/audit.log), or one is named with --audit-log, every
        record the log says was stored must still be in the store. Nothing is read from the network
        and nothing in the store is written. The report goes to standard output (text, or JSON with
        --json); --html writes the same report as a page for people (a court, a supervisor).
        """;

    public override string ExitCodeText => "0 the evidence is valid; 1 it is NOT valid (see the findings); 2 usage; 3 the store, a certificate file or the named audit log cannot be used.";

    public override IReadOnlyList<string> Examples =>
    [
        "camagent verify --store /srv/camagent/store --ca pki/ca/root-ca.crt.pem",
        "camagent verify --store /srv/camagent/store --ca pki/ca/root-ca.crt.pem --html chain-of-custody.html",
    ];

    protected override IEnumerable<Option> Options => [_store, _ca, _receiptSigner, _auditLog, _fromSequence, _noReceipts, _json, _html];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        var agency = new X509Certificate2Collection();
        X509Certificate2? receiptSigner = null;
        try
        {
            foreach (string file in parse.GetValue(_ca)!)
            {
                agency.AddRange(LoadPem(file));
            }

            if (parse.GetValue(_receiptSigner) is string signerFile)
            {
                receiptSigner = LoadPem(signerFile)[0];
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or InvalidDataException)
        {
            context.Error.WriteLine("camagent verify: " + exception.Message);
            return ExitCodes.BadInput;
        }

        VerificationReport? report = CliProgress.Run(context, Name, "checking records", 0, progress =>
            EvidenceVerifier.Verify(parse.GetValue(_store)!, VerifyOptions(parse, agency, receiptSigner, progress), out string? problem) ?? Refused(problem, context));
        return report is null ? ExitCodes.BadInput : Write(report, parse, context);
    }

    private VerificationOptions VerifyOptions(ParseResult parse, X509Certificate2Collection agency, X509Certificate2? receiptSigner, IProgressSink progress) =>
        new(agency.ToArray())
        {
            FirstSequence = parse.GetValue(_fromSequence),
            ExpectReceipts = !parse.GetValue(_noReceipts),
            ReceiptSigner = receiptSigner,
            AuditLogPath = parse.GetValue(_auditLog),
            Progress = (done, total) => progress.Update(done, total, "records"),
        };

    private static VerificationReport? Refused(string? problem, CliContext context)
    {
        context.Error.WriteLine("camagent verify: " + problem);
        return null;
    }

    private int Write(VerificationReport report, ParseResult parse, CliContext context)
    {
        if (parse.GetValue(_json))
        {
            ReportWriter.WriteJson(report, context.Output);
        }
        else
        {
            ReportWriter.WriteText(report, context.Output);
        }

        if (parse.GetValue(_html) is string html)
        {
            SecureFile.WriteText(html, HtmlReportWriter.Render(report), secret: false, overwrite: true);
            context.Error.WriteLine($"verify: wrote the chain-of-custody page {Path.GetFullPath(html)}");
        }

        return report.IsValid ? ExitCodes.Ok : ExitCodes.Invalid;
    }

    private static X509Certificate2[] LoadPem(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new IOException($"'{file}' does not exist");
        }

        if (info.Length > MaxPemBytes)
        {
            throw new InvalidDataException($"'{file}' is too large to be a certificate file");
        }

        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(File.ReadAllText(file));
        if (collection.Count == 0)
        {
            throw new InvalidDataException($"'{file}' holds no PEM certificate");
        }

        return collection.ToArray();
    }
}
