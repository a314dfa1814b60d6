using System.CommandLine;
using CamAgent.Cli.Serving;
using CamAgent.Ingest;
using CamAgent.Ingest.Cluster;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent store export`: writes a cluster store out as a store folder that `verify` and `audit verify` read.</summary>
public sealed class StoreExportCommand : Verb
{
    private readonly Option<string> _config = CliOptions.Text("--config", "FILE", "the ingest server's JSON configuration (with its \"cluster\" section)", required: true);
    private readonly Option<string> _to = CliOptions.Text("--to", "DIR", "the folder to write (new or empty)", required: true);

    public override string Name => "store export";

    public override string Summary => "Write a cluster store (PostgreSQL and S3) out as a store folder for verification.";

    public override string Details => """
        Reads the cluster store named in the ingest configuration's "cluster" section
        (docs/ingest-cluster.md) and writes devices/, issuers/ and audit.log into DIR, in the
        layout of a filesystem store, for 'camagent verify' and 'camagent audit verify'.
        """;

    public override string ExitCodeText => "0 exported; 2 usage; 3 bad configuration; 6 the store could not be read.";

    public override IReadOnlyList<string> Examples =>
    [
        "camagent store export --config /etc/camagent/ingest.json --to /srv/export/2026-12-07",
        "camagent verify --store /srv/export/2026-12-07 --ca root-ca.crt.pem",
    ];

    protected override IEnumerable<Option> Options => [_config, _to];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        string to = parse.GetValue(_to)!;
        try
        {
            int objects = ClusterExport.Run(IngestOptionsFile.Load(parse.GetValue(_config)!), to);
            context.Output.WriteLine($"camagent store export: {objects} objects and the audit log written to {to}");
            return ExitCodes.Ok;
        }
        catch (IngestConfigurationException e)
        {
            context.Error.WriteLine($"camagent store export: {ConfigurationProblem.Describe(e)}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"camagent store export: {e.Message}");
            return ExitCodes.StepFailed;
        }
    }
}
