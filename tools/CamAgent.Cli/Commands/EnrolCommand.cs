using System.CommandLine;
using System.CommandLine.Parsing;
using CamAgent.Cli.Progress;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent enrol`: issues device certificates from CSRs or for keys generated here.</summary>
public sealed class EnrolCommand : Verb
{
    private readonly Option<string> _pki = CliOptions.Pki();
    private readonly Option<string[]> _csr = new("--csr") { Description = "a PEM PKCS#10 request made by the device (e.g. by its secure element); repeat for several devices", HelpName = "FILE" };
    private readonly Option<bool> _generate = new("--generate") { Description = "generate the device key here (written 0600 as devices/ID/device.key.pem; it travels to the camera inside the device bundle)" };
    private readonly Option<string[]> _device = new("--device") { Description = "the device id for --generate (1-32 of a-z 0-9 -); repeat for several devices", HelpName = "ID" };
    private readonly Secrets _passphrase = Secrets.Passphrase();

    public override string Name => "enrol";

    public override string Summary => "Enrol cameras: sign their CSRs, or generate their keys and certificates.";

    public override string Details => """
        Issues a device certificate (2 years, clientAuth, digitalSignature, subject CN = device id),
        signed by the device-issuing CA, into DIR/devices/ID/ for each device. A CSR is refused
        unless its signature verifies, its key is ECDSA P-256, its CN is a valid device id, and it
        asks for nothing beyond digitalSignature/clientAuth. A device id is never reused, even
        after revocation. Several devices are enrolled in order, with progress; the first refusal
        stops the run (the devices before it stay enrolled).
        """;

    public override string ExitCodeText => "0 enrolled; 2 usage; 3 bad CSR file or device id; 4 CSR or CA refused, wrong passphrase; 5 id already enrolled.";

    public override IReadOnlyList<string> Examples =>
    [
        "camagent enrol --pki /srv/camagent/pki --csr cam-0042.csr.pem --passphrase-env PASS",
        "camagent enrol --pki /srv/camagent/pki --generate --device cam-0043 --device cam-0044 --passphrase-env PASS",
    ];

    protected override IEnumerable<Option> Options => [_pki, _csr, _generate, _device, .. _passphrase.Options];

    protected override void Validate(CommandResult result)
    {
        bool generate = result.GetValue(_generate);
        bool csr = CliOptions.Given(result, _csr);
        bool device = CliOptions.Given(result, _device);
        if (generate == csr || generate != device)
        {
            result.AddError("give either --csr FILE, or --generate with --device ID.");
        }
    }

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

        bool generate = parse.GetValue(_generate);
        string[] items = (generate ? parse.GetValue(_device) : parse.GetValue(_csr)) ?? [];
        var registry = new DeviceRegistry(pki.Value!);
        return CliProgress.Run(context, Name, "enrolling devices", items.Length, progress =>
        {
            for (int i = 0; i < items.Length; i++)
            {
                string item = items[i];
                int code = Issue(registry, pki.Value!.Layout, generate ? item : null, generate ? null : item, passphrase, context);
                if (code != ExitCodes.Ok)
                {
                    return code;
                }

                progress.Update(i + 1, items.Length, item);
            }

            return ExitCodes.Ok;
        });
    }

    private int Issue(DeviceRegistry registry, PkiLayout layout, string? generateId, string? csrPath, string? passphrase, CliContext context)
    {
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
        context.Output.WriteLine($"  certificate: {layout.DeviceCertificate(device.DeviceId)}");
        if (device.KeyHeldByPki)
        {
            context.Output.WriteLine($"  key (secret, 0600): {layout.DeviceKey(device.DeviceId)}");
        }

        return ExitCodes.Ok;
    }
}
