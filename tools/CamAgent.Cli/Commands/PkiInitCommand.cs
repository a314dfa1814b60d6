using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent pki init`: creates the agency PKI folder.</summary>
public sealed class PkiInitCommand : ICommand
{
    public string Name => "pki init";

    public string Summary => "create the agency PKI: root CA, device CA, server, receipt and bundle keys";

    public string Help => """
        Usage: camagent pki init --pki DIR --agency NAME --host HOST [--passphrase-env VAR | --passphrase-stdin]

        Creates a new agency PKI in DIR (which must not exist or be empty), all at once:
          ca/root-ca.*            root CA (pinned in every camera), 20 years
          ca/device-ca.*          device-issuing CA (the only CA the ingest server accepts), 10 years
          ca/bundle-signing.*     key that signs device bundles, 5 years
          server/tls.*            TLS certificate of the ingest server for HOST, 397 days
          server/receipt-signing.* key the ingest server signs receipts with, 5 years
          revoked-serials.txt     the revocation list (empty)
        Private keys are written with mode 0600. With a passphrase, the CA and bundle-signing keys are
        encrypted (PKCS#8, AES-256, PBKDF2); the server keys never are (the server loads them unattended).

          --pki DIR              the PKI folder to create
          --agency NAME          organisation name for every certificate (1 to 39 characters)
          --host HOST            the one host name cameras upload to, e.g. evidence.agency.example
        """ + "\n" + Secrets.PassphraseHelp + """


        Example:
          read -rs PASS && export PASS
          camagent pki init --pki /srv/camagent/pki --agency "Example County PD" --host evidence.example-county.gov --passphrase-env PASS
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!Arguments.TryParse(args, ["--pki", "--agency", "--host", .. Secrets.PassphraseValueOptions], Secrets.PassphraseFlagOptions, 0, out Arguments arguments, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        string? folder = arguments.Value("--pki");
        string? agency = arguments.Value("--agency");
        string? host = arguments.Value("--host");
        if (folder is null || agency is null || host is null)
        {
            return PkiExit.Usage(Name, "--pki, --agency and --host are required.", context);
        }

        if (!Secrets.TryGetPassphrase(arguments, context, out string? passphrase, out problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        PkiResult<AgencyPki> created = AgencyPki.Initialize(folder, agency, host, passphrase, DateTimeOffset.UtcNow, step => context.Error.WriteLine($"pki init: {step}"));
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
        context.Output.WriteLine($"  root CA SHA-256:         {pki.RootCa.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}");
        context.Output.WriteLine($"  device CA SHA-256:       {pki.DeviceCa.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}");
        context.Output.WriteLine($"  receipt public key:      {Convert.ToHexString(pki.ReceiptPublicKey().Value!)}");
        return ExitCodes.Ok;
    }
}
