using System.CommandLine;
using System.Text.Json;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent devices`: lists enrolled cameras with state and expiry.</summary>
public sealed class DevicesCommand : Verb
{
    private readonly Option<string> _pki = CliOptions.Pki();
    private readonly Option<bool> _json = CliOptions.Json("one JSON array instead of a table (for scripts)");

    public override string Name => "devices";

    public override string Summary => "List enrolled cameras with state (active, renew-due, expired, revoked) and expiry.";

    public override string Details => """
        Lists every enrolled device: id, state, certificate serial, expiry, and whether the PKI holds
        its key (generated here) or the device does (CSR / secure element). States:
          active      valid, not yet due for renewal
          renew-due   expires within 60 days: 'camagent renew' it and re-flash its bundle
          expired     past its end date: the ingest server refuses it
          revoked     in the revocation list: the ingest server refuses it
        --json prints [{deviceId, state, serial, notAfter, keyHeldByPki}].
        """;

    public override string ExitCodeText => "0 listed; 2 usage; 3 not a PKI folder.";

    public override IReadOnlyList<string> Examples => ["camagent devices --pki /srv/camagent/pki"];

    protected override IEnumerable<Option> Options => [_pki, _json];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        PkiResult<AgencyPki> pki = AgencyPki.Open(parse.GetValue(_pki)!);
        if (!pki.Ok)
        {
            return PkiExit.Report(Name, pki, context);
        }

        PkiResult<IReadOnlyList<DeviceRecord>> devices = new DeviceRegistry(pki.Value!).List(DateTimeOffset.UtcNow);
        if (!devices.Ok)
        {
            return PkiExit.Report(Name, devices, context);
        }

        if (parse.GetValue(_json))
        {
            var rows = devices.Value!.Select(d => new { deviceId = d.DeviceId, state = StateName(d.State), serial = d.SerialHex, notAfter = d.NotAfter.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"), keyHeldByPki = d.KeyHeldByPki });
            context.Output.WriteLine(JsonSerializer.Serialize(rows));
            return ExitCodes.Ok;
        }

        context.Output.WriteLine($"{"DEVICE",-33} {"STATE",-10} {"EXPIRES (UTC)",-20} {"KEY",-7} SERIAL");
        foreach (DeviceRecord d in devices.Value!)
        {
            context.Output.WriteLine($"{d.DeviceId,-33} {StateName(d.State),-10} {d.NotAfter.UtcDateTime,-20:yyyy-MM-dd HH:mm} {(d.KeyHeldByPki ? "pki" : "device"),-7} {d.SerialHex}");
        }

        context.Output.WriteLine($"{devices.Value!.Count} device(s).");
        return ExitCodes.Ok;
    }

    public static string StateName(DeviceState state) => state switch
    {
        DeviceState.Active => "active",
        DeviceState.RenewDue => "renew-due",
        DeviceState.Expired => "expired",
        DeviceState.Revoked => "revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}
