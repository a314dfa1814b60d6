using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent renew`: re-issues device certificates before they expire.</summary>
public sealed class RenewCommand : ICommand
{
    public string Name => "renew";

    public string Summary => "renew a device certificate (or all that are due) for the same device key";

    public string Help => """
        Usage: camagent renew --pki DIR DEVICE  [--passphrase-env VAR | --passphrase-stdin]
               camagent renew --pki DIR --due   [--passphrase-env VAR | --passphrase-stdin]

        Issues a new 2-year certificate for the device's existing key (a key inside a secure element
        never changes); the previous certificate is kept under devices/ID/history/ so that revoking
        the device later also revokes it. Then create and flash a new device bundle.
          DEVICE   the device id to renew
          --due    renew every device whose certificate expires within 60 days (revoked ones are skipped)
        A revoked device is never renewed.
        """ + "\n" + Secrets.PassphraseHelp + """


        Example:
          camagent renew --pki /srv/camagent/pki --due --passphrase-env PASS
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!Arguments.TryParse(args, ["--pki", .. Secrets.PassphraseValueOptions], ["--due", .. Secrets.PassphraseFlagOptions], 1, out Arguments arguments, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        string? folder = arguments.Value("--pki");
        bool due = arguments.Flag("--due");
        if (folder is null || due == (arguments.Positionals.Count == 1))
        {
            return PkiExit.Usage(Name, "give --pki and either a DEVICE id or --due.", context);
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

        var registry = new DeviceRegistry(pki.Value!);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        if (!due)
        {
            return RenewOne(registry, arguments.Positionals[0], passphrase, now, context);
        }

        return RenewDue(registry, passphrase, now, context);
    }

    private int RenewDue(DeviceRegistry registry, string? passphrase, DateTimeOffset now, CliContext context)
    {
        PkiResult<IReadOnlyList<DeviceRecord>> all = registry.List(now);
        if (!all.Ok)
        {
            return PkiExit.Report(Name, all, context);
        }

        int renewed = 0;
        foreach (DeviceRecord device in all.Value!.Where(d => d.State is DeviceState.RenewDue or DeviceState.Expired))
        {
            int code = RenewOne(registry, device.DeviceId, passphrase, now, context);
            if (code != ExitCodes.Ok)
            {
                return code;
            }

            renewed++;
        }

        context.Output.WriteLine($"{renewed} device certificate(s) renewed.");
        return ExitCodes.Ok;
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
