using CamAgent.Cli.Demo;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent demo`: the whole chain of custody on this machine, from enrolment to the verifier's report.</summary>
public sealed class DemoCommand : ICommand
{
    private const string KeepOption = "--keep";

    public string Name => "demo";

    public string Summary => "run the whole chain on this machine: PKI, cameras, ingest server, cut upload, revocation, verification";

    public string Help => """
        Usage: camagent demo [--keep DIR] [--boards DIR]

        Shows, on this machine alone, everything CamAgent does, with real keys, real mutual TLS,
        the device agent's own code and the ingest server:
          1. creates a throw-away agency PKI; enrols two cameras; makes and verifies their bundles
          2. starts the ingest server on 127.0.0.1 (a free port)
          3. camera 1's agent, configured from its bundle, seals and uploads three recorded
             segments; every receipt is checked against the pinned receipt key, every stored
             segment against the recording
          4. a relay cuts camera 1's next upload mid-way; the agent resumes from the server's offset
          5. camera 2 uploads, is revoked while the server runs, and is then refused
             (403 device-revoked, in the audit log; the record stays on its card)
          6. stops the server, checks its audit log, and verifies the stored evidence offline,
             printing the chain-of-custody report
        Each step prints a line starting with ✓ or ✗ and its figures. Cameras dial the server through
        a test-only override of the device's fixed port 443, which they log as a warning.

          --keep DIR    keep the PKI, bundles, the cameras' recordings, cards and flash, the
                        server's store (manifests, segments, receipts, audit.log) and the report
                        in DIR (must be empty or absent). Without it, everything is deleted.
          --boards DIR  where the board profiles are (default: boards/ beside the executable)

        Exit codes: 0 every step worked; 6 a step failed (the output says which and why);
                    5 DIR is not empty; 2 wrong command line.

        Example:
          camagent demo --keep ./camagent-demo
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!Arguments.TryParse(args, [KeepOption, BoardFolder.Option], [], 0, out Arguments arguments, out string problem))
        {
            context.Error.WriteLine($"camagent demo: {problem} Run 'camagent demo --help'.");
            return ExitCodes.Usage;
        }

        string? keep = arguments.Value(KeepOption);
        if (keep is not null && Directory.Exists(keep) && Directory.EnumerateFileSystemEntries(keep).Any())
        {
            context.Error.WriteLine($"camagent demo: {keep} is not empty; give an empty or new folder to --keep.");
            return ExitCodes.Conflict;
        }

        string root = keep is null ? Directory.CreateTempSubdirectory("camagent-demo-").FullName : Directory.CreateDirectory(keep).FullName;
        try
        {
            return RunIn(root, arguments, context);
        }
        finally
        {
            if (keep is null)
            {
                Directory.Delete(root, recursive: true);
                context.Output.WriteLine($"demo: removed {root} (use --keep DIR to keep everything)");
            }
            else
            {
                context.Output.WriteLine($"demo: kept everything in {root}");
            }
        }
    }

    private static int RunIn(string root, Arguments arguments, CliContext context)
    {
        context.Output.WriteLine($"camagent demo: working in {root}");
        int code;
        string report;
        using (var workspace = new DemoWorkspace(root, context.Output))
        {
            code = DemoRunner.Run(DemoPlan.All(BoardFolder.Catalog(arguments)), workspace, context.Output);
            report = workspace.ReportFile;
        }

        // The report is printed even when verification failed: its findings say why.
        if (File.Exists(report))
        {
            context.Output.WriteLine();
            context.Output.Write(File.ReadAllText(report));
            context.Output.WriteLine();
        }

        context.Output.WriteLine(code == ExitCodes.Ok ? "demo: every step worked." : "demo: FAILED (see the ✗ line above).");
        return code;
    }
}
