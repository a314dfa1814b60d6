using System.CommandLine;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent revoke`: adds a device's certificates to the revocation list the ingest server reads.</summary>
public sealed class RevokeCommand : Verb
{
    private const int MaxReasonLength = 200;

    private readonly Option<string> _pki = CliOptions.Pki();
    private readonly Option<string> _device = CliOptions.Device("the device to revoke", required: true);
    private readonly Option<string> _reason = CliOptions.Text("--reason", "TEXT", "recorded as a comment beside the serials (default: unspecified)", required: false);

    public RevokeCommand()
    {
        _reason.Validators.Add(result =>
        {
            string? reason = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (reason is not null && (reason.Length > MaxReasonLength || reason.Any(char.IsControl)))
            {
                result.AddError($"--reason must be one line of at most {MaxReasonLength} characters.");
            }
        });
    }

    public override string Name => "revoke";

    public override string Summary => "Revoke a camera (lost, stolen, retired): the ingest server refuses it.";

    public override string Details => """
        Appends the serial numbers of every certificate the device ever had to DIR/revoked-serials.txt
        (atomically; one uppercase hex serial per line, '#' comments). The ingest server re-reads the
        list when it changes and refuses the device from its next request on. Revocation is final:
        the device id cannot be renewed or enrolled again. No CA key is needed.
        """;

    public override string ExitCodeText => "0 revoked; 2 usage; 3 not a PKI folder; 8 no such device (the list is unchanged).";

    public override IReadOnlyList<string> Examples => ["camagent revoke --pki /srv/camagent/pki --device cam-0042 --reason \"reported lost 2026-11-20\""];

    protected override IEnumerable<Option> Options => [_pki, _device, _reason];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        PkiResult<AgencyPki> pki = AgencyPki.Open(parse.GetValue(_pki)!);
        if (!pki.Ok)
        {
            return PkiExit.Report(Name, pki, context);
        }

        PkiResult<DeviceRecord> revoked = new DeviceRegistry(pki.Value!).Revoke(parse.GetValue(_device)!, parse.GetValue(_reason) ?? "unspecified", DateTimeOffset.UtcNow);
        if (!revoked.Ok)
        {
            return PkiExit.Report(Name, revoked, context);
        }

        context.Output.WriteLine($"Revoked {revoked.Value!.DeviceId} (serial {revoked.Value.SerialHex}); list: {pki.Value!.Layout.RevocationListFile}");
        return ExitCodes.Ok;
    }
}
