using System.CommandLine;
using System.CommandLine.Parsing;
using CamAgent.Cli.Progress;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent renew`: re-issues device certificates before they expire.</summary>
public sealed class RenewCommand : Verb
{
    private readonly Option<string> _pki = CliOptions.Pki();
    private readonly Option<string> _device = CliOptions.Device("the device to renew");
    private readonly Option<bool> _due = new("--due") { Description = "renew every device whose certificate expires within 60 days (revoked ones are skipped)" };
    private readonly Secrets _passphrase = Secrets.Passphrase();

    public override string Name => "renew";

    public override string Summary => "Renew a device certificate (or all that are due) for the same device key.";

    public override string Details => """
        Issues a new 2-year certificate for the device's existing key (a key inside a secure element
        never changes); the previous certificate is kept under devices/ID/history/ so that revoking
        the device later also revokes it. Then create and flash a new device bundle. A revoked
        device is never renewed.
        """;

    public override string ExitCodeText => "0 renewed; 2 usage; 3 not a PKI folder; 4 revoked device, CA expired or wrong passphrase; 8 no such device.";

    public override IReadOnlyList<string> Examples =>
    [
        "camagent renew --pki /srv/camagent/pki --device cam-0042 --passphrase-env PASS",
        "camagent renew --pki /srv/camagent/pki --due --passphrase-env PASS",
    ];

    protected override IEnumerable<Option> Options => [_pki, _device, _due, .. _passphrase.Options];

    protected override void Validate(CommandResult result) => CliOptions.ExactlyOne(result, _device, _due);

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

        var registry = new DeviceRegistry(pki.Value!);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return parse.GetValue(_device) is string device
            ? RenewOne(registry, device, passphrase, now, context)
            : RenewDue(registry, passphrase, now, context);
    }

    private int RenewDue(DeviceRegistry registry, string? passphrase, DateTimeOffset now, CliContext context)
    {
        PkiResult<IReadOnlyList<DeviceRecord>> all = registry.List(now);
        if (!all.Ok)
        {
            return PkiExit.Report(Name, all, context);
        }

        DeviceRecord[] due = all.Value!.Where(d => d.State is DeviceState.RenewDue or DeviceState.Expired).ToArray();
        int code = CliProgress.Run(context, Name, "renewing certificates", due.Length, progress =>
        {
            for (int i = 0; i < due.Length; i++)
            {
                string device = due[i].DeviceId;
                int one = RenewOne(registry, device, passphrase, now, context);
                if (one != ExitCodes.Ok)
                {
                    return one;
                }

                progress.Update(i + 1, due.Length, device);
            }

            return ExitCodes.Ok;
        });
        if (code == ExitCodes.Ok)
        {
            context.Output.WriteLine($"{due.Length} device certificate(s) renewed.");
        }

        return code;
    }

    private int RenewOne(DeviceRegistry registry, string deviceId, string? passphrase, DateTimeOffset now, CliContext context)
    {
        PkiResult<DeviceRecord> renewed = registry.Renew(deviceId, passphrase, now);
        if (!renewed.Ok)
        {
            return PkiExit.Report(Name, renewed, context);
        }

        context.Output.WriteLine($"Renewed {deviceId}: serial {renewed.Value!.SerialHex}, valid until {renewed.Value.NotAfter.UtcDateTime:u}");
        return ExitCodes.Ok;
    }
}
