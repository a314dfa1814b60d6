using System.CommandLine;
using System.Security.Cryptography;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent pki init`: creates the agency PKI folder.</summary>
public sealed class PkiInitCommand : Verb
{
    private readonly Option<string> _pki = CliOptions.Text("--pki", "DIR", "the PKI folder to create (absent or empty)", required: true);
    private readonly Option<string> _agency = CliOptions.Text("--agency", "NAME", "organisation name for every certificate (1 to 39 characters)", required: true);
    private readonly Option<string> _host = CliOptions.Text("--host", "HOST", "the one host name cameras upload to, e.g. evidence.agency.example", required: true);
    private readonly Secrets _passphrase = Secrets.Passphrase();

    public override string Name => "pki init";

    public override string Summary => "Create the agency PKI: root CA, device CA, server, receipt and bundle keys.";

    public override string Details => """
        Creates a new agency PKI in DIR, all at once:
          ca/root-ca.*             root CA (pinned in every camera), 20 years
          ca/device-ca.*           device-issuing CA (the only CA the ingest server accepts), 10 years
          ca/bundle-signing.*      key that signs device bundles, 5 years
          server/tls.*             TLS certificate of the ingest server for HOST, 397 days
          server/receipt-signing.* key the ingest server signs receipts with, 5 years
          revoked-serials.txt      the revocation list (empty)
        Private keys are written with mode 0600. With a passphrase, the CA and bundle-signing keys
        are encrypted (PKCS#8, AES-256, PBKDF2); the server keys never are (the server loads them
        unattended).
        """;

    public override string ExitCodeText => "0 created; 2 usage; 3 bad agency name or host, or DIR unusable; 5 DIR is not empty.";

    public override IReadOnlyList<string> Examples =>
    [
        "read -rs PASS && export PASS",
        "camagent pki init --pki /srv/camagent/pki --agency \"Example County PD\" --host evidence.example-county.gov --passphrase-env PASS",
    ];

    protected override IEnumerable<Option> Options => [_pki, _agency, _host, .. _passphrase.Options];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        if (!_passphrase.TryRead(parse, context, out string? passphrase, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        PkiResult<AgencyPki> created = AgencyPki.Initialize(parse.GetValue(_pki)!, parse.GetValue(_agency)!, parse.GetValue(_host)!, passphrase, DateTimeOffset.UtcNow, step => context.Error.WriteLine($"pki init: {step}"));
        if (!created.Ok)
        {
            return PkiExit.Report(Name, created, context);
        }

        AgencyPki pki = created.Value!;
        if (passphrase is null)
        {
            context.Error.WriteLine("pki init: warning: the CA keys are NOT encrypted; keep this folder offline or re-create it with --passphrase-env.");
        }

        context.Output.WriteLine($"Created the CamAgent PKI for {pki.Settings.Agency} in {pki.Layout.Root}");
        context.Output.WriteLine($"  ingest host:             {pki.Settings.IngestHost}");
        context.Output.WriteLine($"  root CA SHA-256:         {pki.RootCa.GetCertHashString(HashAlgorithmName.SHA256)}");
        context.Output.WriteLine($"  device CA SHA-256:       {pki.DeviceCa.GetCertHashString(HashAlgorithmName.SHA256)}");
        context.Output.WriteLine($"  receipt public key:      {Convert.ToHexString(pki.ReceiptPublicKey().Value!)}");
        return ExitCodes.Ok;
    }
}
