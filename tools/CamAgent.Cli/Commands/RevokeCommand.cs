using System.CommandLine;
using CamAgent.Cli.Serving;
using CamAgent.Ingest;
using CamAgent.Ingest.Cluster;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent revoke`: adds a device's certificates to the revocation list the ingest server reads.</summary>
public sealed class RevokeCommand : Verb
{
    private const int MaxReasonLength = 200;

    private readonly Option<string> _pki = CliOptions.Pki();
    private readonly Option<string> _device = CliOptions.Device("the device to revoke", required: true);
    private readonly Option<string> _reason = CliOptions.Text("--reason", "TEXT", "recorded as a comment beside the serials (default: unspecified)", required: false);
    private readonly Option<string> _clusterConfig = CliOptions.Text("--cluster-config", "FILE", "an ingest node's JSON configuration with a \"cluster\" section: the serials also go into the cluster's revocations table", required: false);

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
        list when it changes and refuses the device from its next request on. With --cluster-config
        the same serials are also added to the revocations table of the cluster store that
        configuration names (docs/ingest-cluster.md), which every node asks on every request; run it
        again if that step failed (nothing is added twice). Revocation is final: the device id
        cannot be renewed or enrolled again. No CA key is needed.
        """;

    public override string ExitCodeText => "0 revoked; 2 usage; 3 not a PKI folder, or a bad --cluster-config; 6 the cluster's table could not be written (the list file was); 8 no such device (the list is unchanged).";

    public override IReadOnlyList<string> Examples =>
    [
        "camagent revoke --pki /srv/camagent/pki --device cam-0042 --reason \"reported lost 2026-11-20\"",
        "camagent revoke --pki /srv/camagent/pki --device cam-0042 --cluster-config /etc/camagent/ingest.json",
    ];

    protected override IEnumerable<Option> Options => [_pki, _device, _reason, _clusterConfig];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        PkiResult<AgencyPki> pki = AgencyPki.Open(parse.GetValue(_pki)!);
        if (!pki.Ok)
        {
            return PkiExit.Report(Name, pki, context);
        }

        var registry = new DeviceRegistry(pki.Value!);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        string reason = parse.GetValue(_reason) ?? "unspecified";
        PkiResult<DeviceRecord> revoked = registry.Revoke(parse.GetValue(_device)!, reason, now);
        if (!revoked.Ok)
        {
            return PkiExit.Report(Name, revoked, context);
        }

        context.Output.WriteLine($"Revoked {revoked.Value!.DeviceId} (serial {revoked.Value.SerialHex}); list: {pki.Value!.Layout.RevocationListFile}");
        string? clusterConfig = parse.GetValue(_clusterConfig);
        return clusterConfig is null
            ? ExitCodes.Ok
            : AddToCluster(clusterConfig, registry.SerialsOf(revoked.Value), $"{revoked.Value.DeviceId} revoked {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} {reason}", context);
    }

    private int AddToCluster(string configPath, IReadOnlyList<string> serials, string note, CliContext context)
    {
        try
        {
            int added = ClusterRevocationTable.Add(IngestOptionsFile.Load(configPath), serials, note);
            context.Output.WriteLine($"Cluster revocations table: {added} of {serials.Count} serial(s) added ({serials.Count - added} were there already).");
            return ExitCodes.Ok;
        }
        catch (IngestConfigurationException e)
        {
            context.Error.WriteLine($"camagent {Name}: the list file was updated, the cluster's table was not: {ConfigurationProblem.Describe(e)}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"camagent {Name}: the list file was updated, the cluster's table was not (run the command again once the database answers): {e.Message}");
            return ExitCodes.StepFailed;
        }
    }
}
