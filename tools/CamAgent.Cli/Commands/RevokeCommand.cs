using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent revoke`: adds a device's certificates to the revocation list the ingest server reads.</summary>
public sealed class RevokeCommand : ICommand
{
    private const int MaxReasonLength = 200;

    public string Name => "revoke";

    public string Summary => "revoke a camera (lost, stolen, retired): the ingest server refuses it";

    public string Help => """
        Usage: camagent revoke --pki DIR DEVICE [--reason TEXT]

        Appends the serial numbers of every certificate DEVICE ever had to DIR/revoked-serials.txt
        (atomically; one uppercase hex serial per line, '#' comments). The ingest server re-reads the
        list when it changes and refuses the device from its next request on. Revocation is final:
        the device id cannot be renewed or enrolled again. No CA key is needed.
          DEVICE          the device id
          --reason TEXT   recorded as a comment beside the serials (default: unspecified)

        Example:
          camagent revoke --pki /srv/camagent/pki cam-0042 --reason "reported lost 2026-11-20"
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!Arguments.TryParse(args, ["--pki", "--reason"], [], 1, out Arguments arguments, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        string? folder = arguments.Value("--pki");
        string reason = arguments.Value("--reason") ?? "unspecified";
        if (folder is null || arguments.Positionals.Count != 1)
        {
            return PkiExit.Usage(Name, "give --pki and the DEVICE id.", context);
        }

        if (reason.Length > MaxReasonLength || reason.Any(char.IsControl))
        {
            return PkiExit.Usage(Name, $"--reason must be one line of at most {MaxReasonLength} characters.", context);
        }

        PkiResult<AgencyPki> pki = AgencyPki.Open(folder);
        if (!pki.Ok)
        {
            return PkiExit.Report(Name, pki, context);
        }

        PkiResult<DeviceRecord> revoked = new DeviceRegistry(pki.Value!).Revoke(arguments.Positionals[0], reason, DateTimeOffset.UtcNow);
        if (!revoked.Ok)
        {
            return PkiExit.Report(Name, revoked, context);
        }

        context.Output.WriteLine($"Revoked {revoked.Value!.DeviceId} (serial {revoked.Value.SerialHex}); list: {pki.Value!.Layout.RevocationListFile}");
        return ExitCodes.Ok;
    }
}
