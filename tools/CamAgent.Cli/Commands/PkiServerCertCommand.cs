using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent pki server-cert`: issues a fresh TLS certificate and key for the ingest server.</summary>
public sealed class PkiServerCertCommand : ICommand
{
    public string Name => "pki server-cert";

    public string Summary => "issue a new TLS server certificate for the ingest host (rotation)";

    public string Help => """
        Usage: camagent pki server-cert --pki DIR [--passphrase-env VAR | --passphrase-stdin]

        Issues a new TLS certificate (397 days, serverAuth, SAN = the ingest host) and a new key for the
        ingest server, signed by the root CA, replacing server/tls.crt.pem and server/tls.key.pem
        atomically. Cameras keep working: they pin the root CA, not the server certificate.
        Restart (or reload) the ingest server afterwards.

          --pki DIR              the agency PKI folder
        """ + "\n" + Secrets.PassphraseHelp + """


        Example:
          camagent pki server-cert --pki /srv/camagent/pki --passphrase-stdin < /run/secrets/ca-pass
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!Arguments.TryParse(args, ["--pki", .. Secrets.PassphraseValueOptions], Secrets.PassphraseFlagOptions, 0, out Arguments arguments, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        string? folder = arguments.Value("--pki");
        if (folder is null)
        {
            return PkiExit.Usage(Name, "--pki is required.", context);
        }

        if (!Secrets.TryGetPassphrase(arguments, context, out string? passphrase, out problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        PkiResult<AgencyPki> pki = AgencyPki.Open(folder);
        if (!pki.Ok)
        {
            return PkiExit.Report(Name, pki, context);
        }

        PkiResult<X509Certificate2> issued = pki.Value!.RotateServerCertificate(passphrase, DateTimeOffset.UtcNow);
        if (!issued.Ok)
        {
            return PkiExit.Report(Name, issued, context);
        }

        using X509Certificate2 certificate = issued.Value!;
        context.Output.WriteLine($"Issued a TLS certificate for {pki.Value.Settings.IngestHost}: serial {certificate.SerialNumber}, valid until {certificate.NotAfter.ToUniversalTime():u}");
        context.Output.WriteLine($"  SHA-256: {certificate.GetCertHashString(HashAlgorithmName.SHA256)}");
        return ExitCodes.Ok;
    }
}
