using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent enrol`: issues a device certificate from a CSR or for a key generated here.</summary>
public sealed class EnrolCommand : ICommand
{
    public string Name => "enrol";

    public string Summary => "enrol a camera: sign its CSR, or generate its key and certificate";

    public string Help => """
        Usage: camagent enrol --pki DIR --csr FILE            [--passphrase-env VAR | --passphrase-stdin]
               camagent enrol --pki DIR --generate --device ID [--passphrase-env VAR | --passphrase-stdin]

        Issues a device certificate (2 years, clientAuth, digitalSignature, subject CN = device id),
        signed by the device-issuing CA, into DIR/devices/ID/.
          --csr FILE     a PEM PKCS#10 request made by the device (e.g. by its secure element). It is
                         refused unless its signature verifies, its key is ECDSA P-256, its CN is a
                         valid device id, and it asks for nothing beyond digitalSignature/clientAuth.
          --generate     generate the device key here (written 0600 as devices/ID/device.key.pem; it
                         travels to the camera inside the device bundle).
          --device ID    the device id for --generate (lowercase letters, digits, hyphens; 1-32).
        A device id is never reused, even after revocation.
        """ + "\n" + Secrets.PassphraseHelp + """


        Examples:
          camagent enrol --pki /srv/camagent/pki --csr cam-0042.csr.pem --passphrase-env PASS
          camagent enrol --pki /srv/camagent/pki --generate --device cam-0043 --passphrase-env PASS
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!Arguments.TryParse(args, ["--pki", "--csr", "--device", .. Secrets.PassphraseValueOptions], ["--generate", .. Secrets.PassphraseFlagOptions], 0, out Arguments arguments, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        string? folder = arguments.Value("--pki");
        string? csrPath = arguments.Value("--csr");
        string? deviceId = arguments.Value("--device");
        bool generate = arguments.Flag("--generate");
        if (folder is null || (csrPath is null) == !generate || generate && deviceId is null || csrPath is not null && deviceId is not null)
        {
            return PkiExit.Usage(Name, "give --pki and either --csr FILE, or --generate with --device ID.", context);
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

        return Issue(pki.Value!, generate ? deviceId : null, csrPath, passphrase, context);
    }

    private int Issue(AgencyPki pki, string? generateId, string? csrPath, string? passphrase, CliContext context)
    {
        var registry = new DeviceRegistry(pki);
        PkiResult<DeviceRecord> enrolled;
        if (generateId is not null)
        {
            enrolled = registry.EnrolGenerated(generateId, passphrase, DateTimeOffset.UtcNow);
        }
        else if (!SecureFile.TryReadSmallText(csrPath!, PkiPolicy.MaxPemFileBytes, out string csrPem, out string problem))
        {
            context.Error.WriteLine($"camagent {Name}: {problem}");
            return ExitCodes.BadInput;
        }
        else
        {
            enrolled = registry.EnrolFromCsr(csrPem, passphrase, DateTimeOffset.UtcNow);
        }

        if (!enrolled.Ok)
        {
            return PkiExit.Report(Name, enrolled, context);
        }

        DeviceRecord device = enrolled.Value!;
        context.Output.WriteLine($"Enrolled {device.DeviceId}: serial {device.SerialHex}, valid until {device.NotAfter.UtcDateTime:u}");
        context.Output.WriteLine($"  certificate: {pki.Layout.DeviceCertificate(device.DeviceId)}");
        if (device.KeyHeldByPki)
        {
            context.Output.WriteLine($"  key (secret, 0600): {pki.Layout.DeviceKey(device.DeviceId)}");
        }

        return ExitCodes.Ok;
    }
}
