using System.CommandLine;
using CamAgent.Cli.Demo;
using CamAgent.Cli.Progress;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent demo`: the whole chain of custody on this machine, from enrolment to the verifier's report.</summary>
public sealed class DemoCommand : Verb
{
    private readonly Option<string> _keep = CliOptions.Text("--keep", "DIR", "keep the PKI, bundles, the cameras' recordings, cards and flash, the server's store and the reports in DIR (empty or absent); without it everything is deleted", required: false);
    private readonly Option<string> _boards = CliOptions.Boards();

    public override string Name => "demo";

    public override string Summary => "Run the whole chain on this machine: PKI, cameras, ingest server, cut upload, revocation, verification.";

    public override string Details => """
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
             printing the chain-of-custody report (and writing it as HTML with --keep)
        Each step prints a line starting with ✓ or ✗ and its figures. What the cameras log is
        printed indented; what a step expects (the cut, the refusal) is marked "expected".
        """;

    public override string ExitCodeText => "0 every step worked; 2 usage; 5 DIR is not empty; 6 a step failed (the output says which and why).";

    public override IReadOnlyList<string> Examples => ["camagent demo --keep ./camagent-demo"];

    protected override IEnumerable<Option> Options => [_keep, _boards];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        string? keep = parse.GetValue(_keep);
        if (keep is not null && Directory.Exists(keep) && Directory.EnumerateFileSystemEntries(keep).Any())
        {
            context.Error.WriteLine($"camagent demo: {keep} is not empty; give an empty or new folder to --keep.");
            return ExitCodes.Conflict;
        }

        string root = keep is null ? Directory.CreateTempSubdirectory("camagent-demo-").FullName : Directory.CreateDirectory(keep).FullName;
        try
        {
            return RunIn(root, parse, context);
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

    private int RunIn(string root, ParseResult parse, CliContext context)
    {
        context.Output.WriteLine($"camagent demo: working in {root}");
        IReadOnlyList<DemoStep> steps = DemoPlan.All(BoardFolder.Catalog(parse.GetValue(_boards)));
        int code;
        string report = Path.Combine(root, DemoWorkspace.ReportFileName);
        if (context.OutputIsTerminal)
        {
            // A bar while the steps run; their lines go through the terminal, above the bar.
            using var lines = new TerminalLineWriter(context.Terminal!);
            code = CliProgress.Run(context, Name, "demo", steps.Count, progress => Steps(root, steps, lines, progress));
        }
        else
        {
            code = Steps(root, steps, context.Output, null);
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

    private static int Steps(string root, IReadOnlyList<DemoStep> steps, TextWriter lines, IProgressSink? progress)
    {
        using var workspace = new DemoWorkspace(root, lines);
        return DemoRunner.Run(steps, workspace, lines, progress);
    }
}
