using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Provisioning;
using CamAgent.Provisioning.Bundles;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent bundle verify`: checks a device bundle's signature and content.</summary>
public sealed class BundleVerifyCommand : Verb
{
    private readonly Option<string> _bundle = CliOptions.Text("--bundle", "FILE", "the device bundle to check", required: true);
    private readonly Option<string> _pki = CliOptions.Pki(required: false);
    private readonly Option<string> _ca = CliOptions.Text("--ca", "ROOT.pem", "the agency root CA certificate, instead of --pki (on a machine without the PKI)", required: false);

    public override string Name => "bundle verify";

    public override string Summary => "Check a device bundle: signature, agency, configuration and board (no secrets shown).";

    public override string Details => """
        Checks that FILE is a device bundle signed by the agency's bundle-signing key (with --pki:
        exactly that certificate; with --ca: a bundle-signing certificate issued by that root), that
        its configuration pins the same agency root, names the same device and passes the device's
        own configuration validator, and that its board profile is valid. Prints the device, host,
        signer kind, board and configuration serial; never the device key or Wi-Fi password.
        """;

    public override string ExitCodeText => "0 valid; 1 NOT valid (altered, signed by someone else, refused by the device); 2 usage; 3 not a bundle.";

    public override IReadOnlyList<string> Examples => ["camagent bundle verify --bundle cam-0042.bundle.cose --pki /srv/camagent/pki"];

    protected override IEnumerable<Option> Options => [_bundle, _pki, _ca];

    protected override void Validate(System.CommandLine.Parsing.CommandResult result) => CliOptions.ExactlyOne(result, _pki, _ca);

    protected override int Execute(ParseResult parse, CliContext context)
    {
        string file = parse.GetValue(_bundle)!;
        if (!File.Exists(file) || new FileInfo(file).Length > BundleCodec.MaxBundleBytes)
        {
            context.Error.WriteLine($"camagent {Name}: {file} does not exist or is larger than a bundle can be.");
            return ExitCodes.BadInput;
        }

        PkiResult<(X509Certificate2 Root, X509Certificate2? Signer)> trust = LoadTrust(parse.GetValue(_ca), parse.GetValue(_pki));
        if (!trust.Ok)
        {
            return PkiExit.Report(Name, trust, context);
        }

        using X509Certificate2 root = trust.Value.Root;
        using X509Certificate2? signer = trust.Value.Signer;
        PkiResult<BundleReport> verdict = BundleVerifier.Verify(File.ReadAllBytes(file), root, signer, DateTimeOffset.UtcNow);
        if (!verdict.Ok)
        {
            context.Error.WriteLine($"camagent {Name}: INVALID: {verdict.Message}");
            return verdict.Error == PkiError.CredentialRefused ? ExitCodes.Invalid : PkiExit.Code(verdict.Error);
        }

        BundleReport r = verdict.Value!;
        context.Output.WriteLine($"VALID device bundle for {r.Bundle.DeviceId}");
        context.Output.WriteLine($"  agency host:          {r.AgencyHost}");
        context.Output.WriteLine($"  device key:           {(r.Signer == "software" ? "in the bundle (software signer)" : "in the secure element")}");
        context.Output.WriteLine($"  board:                {r.BoardName}");
        context.Output.WriteLine($"  configuration serial: {r.ConfigSerial}");
        context.Output.WriteLine($"  issued:               {r.Bundle.IssuedAt.UtcDateTime:u}");
        context.Output.WriteLine($"  signed by:            {r.SignerSubject}");
        return ExitCodes.Ok;
    }

    private static PkiResult<(X509Certificate2, X509Certificate2?)> LoadTrust(string? caPath, string? pkiFolder)
    {
        if (caPath is not null)
        {
            PkiResult<X509Certificate2> root = PemFiles.ReadCertificate(caPath);
            return root.Ok ? PkiResult<(X509Certificate2, X509Certificate2?)>.Success((root.Value!, null)) : root.As<(X509Certificate2, X509Certificate2?)>();
        }

        PkiResult<AgencyPki> pki = AgencyPki.Open(pkiFolder!);
        if (!pki.Ok)
        {
            return pki.As<(X509Certificate2, X509Certificate2?)>();
        }

        PkiResult<X509Certificate2> signer = PemFiles.ReadCertificate(pki.Value!.Layout.BundleSignerCertificate);
        return signer.Ok
            ? PkiResult<(X509Certificate2, X509Certificate2?)>.Success((pki.Value.RootCa, signer.Value!))
            : signer.As<(X509Certificate2, X509Certificate2?)>();
    }
}
