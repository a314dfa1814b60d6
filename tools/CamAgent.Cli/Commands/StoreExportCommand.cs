using CamAgent.Ingest;
using CamAgent.Ingest.Cluster;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent store export`: writes a cluster store out as a store folder that `verify` and `audit verify` read.</summary>
public sealed class StoreExportCommand : ICommand
{
    public string Name => "store export";

    public string Summary => "write a cluster store (PostgreSQL and S3) out as a store folder for verification";

    public string Help => """
        Usage: camagent store export --config FILE --to DIR

        Reads the cluster store named in the ingest configuration's "cluster" section
        (docs/ingest-cluster.md) and writes devices/, issuers/ and audit.log into DIR (new or
        empty), in the layout of a filesystem store. Then:
          camagent verify DIR --ca root-ca.crt.pem
          camagent audit verify --store DIR

          --config FILE   the ingest server's JSON configuration (with its "cluster" section)
          --to DIR        the folder to write

        Exit codes: 0 exported, 2 usage, 3 bad configuration, 6 the store could not be read.

        Example:
          camagent store export --config /etc/camagent/ingest.json --to /srv/export/2026-12-07
        """;

    public int Run(string[] args, CliContext context)
    {
        if (args.Length != 4 || args[0] != "--config" || args[2] != "--to")
        {
            context.Error.WriteLine("camagent store export: give --config FILE --to DIR. Run 'camagent store export --help'.");
            return ExitCodes.Usage;
        }

        try
        {
            int objects = ClusterExport.Run(IngestOptionsFile.Load(args[1]), args[3]);
            context.Output.WriteLine($"camagent store export: {objects} objects and the audit log written to {args[3]}");
            return ExitCodes.Ok;
        }
        catch (IngestConfigurationException e)
        {
            context.Error.WriteLine($"camagent store export: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"camagent store export: {e.Message}");
            return ExitCodes.StepFailed;
        }
    }
}
