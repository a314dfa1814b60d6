using System.Security.Cryptography.X509Certificates;
using CamAgent.Provisioning;
using CamAgent.Provisioning.Bundles;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent bundle verify`: checks a device bundle's signature and content.</summary>
public sealed class BundleVerifyCommand : ICommand
{
    public string Name => "bundle verify";

    public string Summary => "check a device bundle: signature, agency, configuration and board (no secrets shown)";

    public string Help => """
        Usage: camagent bundle verify FILE (--pki DIR | --ca ROOT.pem)

        Checks that FILE is a device bundle signed by the agency's bundle-signing key (with --pki:
        exactly that certificate; with --ca: a bundle-signing certificate issued by that root), that
        its configuration pins the same agency root and names the same device, and that its board
        profile is valid. Prints the device, host, signer kind, board and configuration serial;
        never the device key or Wi-Fi password.
        Exit codes: 0 valid; 1 NOT valid (altered, or signed by someone else); 3 not a bundle.

        Example:
          camagent bundle verify cam-0042.bundle.cose --pki /srv/camagent/pki
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!Arguments.TryParse(args, ["--pki", "--ca"], [], 1, out Arguments a, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        if (a.Positionals.Count != 1 || (a.Value("--pki") is null) == (a.Value("--ca") is null))
        {
            return PkiExit.Usage(Name, "give the bundle FILE and either --pki DIR or --ca ROOT.pem.", context);
        }

        string file = a.Positionals[0];
        if (!File.Exists(file) || new FileInfo(file).Length > BundleCodec.MaxBundleBytes)
        {
            context.Error.WriteLine($"camagent {Name}: {file} does not exist or is larger than a bundle can be.");
            return ExitCodes.BadInput;
        }

        PkiResult<(X509Certificate2 Root, X509Certificate2? Signer)> trust = LoadTrust(a);
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

    private static PkiResult<(X509Certificate2, X509Certificate2?)> LoadTrust(Arguments a)
    {
        if (a.Value("--ca") is string caPath)
        {
            PkiResult<X509Certificate2> root = PemFiles.ReadCertificate(caPath);
            return root.Ok ? PkiResult<(X509Certificate2, X509Certificate2?)>.Success((root.Value!, null)) : root.As<(X509Certificate2, X509Certificate2?)>();
        }

        PkiResult<AgencyPki> pki = AgencyPki.Open(a.Value("--pki")!);
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
