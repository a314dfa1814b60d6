using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent pki server-cert`: issues a fresh TLS certificate and key for the ingest server.</summary>
public sealed class PkiServerCertCommand : Verb
{
    private readonly Option<string> _pki = CliOptions.Pki();
    private readonly Secrets _passphrase = Secrets.Passphrase();

    public override string Name => "pki server-cert";

    public override string Summary => "Issue a new TLS server certificate for the ingest host (rotation).";

    public override string Details => """
        Issues a new TLS certificate (397 days, serverAuth, SAN = the ingest host) and a new key for
        the ingest server, signed by the root CA, replacing server/tls.crt.pem and server/tls.key.pem
        atomically. Cameras keep working: they pin the root CA, not the server certificate.
        Restart (or reload) the ingest server afterwards.
        """;

    public override string ExitCodeText => "0 issued; 2 usage; 3 not a PKI folder; 4 root CA expired or wrong passphrase.";

    public override IReadOnlyList<string> Examples => ["camagent pki server-cert --pki /srv/camagent/pki --passphrase-stdin < /run/secrets/ca-pass"];

    protected override IEnumerable<Option> Options => [_pki, .. _passphrase.Options];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        if (!_passphrase.TryRead(parse, context, out string? passphrase, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        PkiResult<AgencyPki> pki = AgencyPki.Open(parse.GetValue(_pki)!);
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
