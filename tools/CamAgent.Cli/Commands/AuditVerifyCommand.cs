using System.Text.Json;
using CamAgent.Verification.Audit;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent audit verify`: checks the ingest server's hash-chained audit log.</summary>
public sealed class AuditVerifyCommand : ICommand
{
    public string Name => "audit verify";

    public string Summary => "check the ingest server's audit log: every line present, in order, unaltered";

    public string Help => """
        Usage: camagent audit verify (--store DIR | --log FILE) [--json]

        Reads the audit log the ingest server writes (<store>/audit.log) and checks its hash chain:
        every line is JSON, numbered in order, and carries the SHA-256 of the line before it. An
        edited, inserted, deleted or reordered line breaks the chain at that line. Prints the
        number of lines and the head hash (SHA-256 of the last line): keep the head hash somewhere
        the server cannot write (a ticket, a signed e-mail, another machine) and compare it later
        to prove nothing was cut off the end either.

          --store DIR   the ingest server's store folder
          --log FILE    an audit log file (e.g. a backup copy)
          --json        one JSON object instead of text

        Exit codes: 0 the chain is intact, 1 it is broken, 2 usage, 3 the log cannot be read.

        Example:
          camagent audit verify --store /srv/camagent/store
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!TryParse(args, out string? path, out bool json, out string problem))
        {
            context.Error.WriteLine($"camagent {Name}: {problem} Run 'camagent {Name} --help'.");
            return ExitCodes.Usage;
        }

        AuditVerification result;
        try
        {
            result = AuditLogVerifier.Verify(path!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"camagent {Name}: cannot read '{path}': {e.Message}");
            return ExitCodes.BadInput;
        }

        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(new
            {
                valid = result.IsValid,
                lines = result.Lines,
                headHash = result.HeadHash,
                firstBadLine = result.FirstBadLine,
                problem = result.Problem,
            }));
        }
        else if (result.IsValid)
        {
            context.Output.WriteLine($"Audit log intact: {result.Lines} line(s); head hash {result.HeadHash}");
        }
        else
        {
            context.Output.WriteLine($"Audit log BROKEN at line {result.FirstBadLine}: {result.Problem}. The {result.Lines} line(s) before it are intact (hash of the last: {result.HeadHash}).");
        }

        return result.IsValid ? ExitCodes.Ok : ExitCodes.Invalid;
    }

    private static bool TryParse(string[] args, out string? path, out bool json, out string problem)
    {
        path = null;
        json = false;
        problem = "";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--store" or "--log" when i + 1 < args.Length && path is null:
                    path = args[i] == "--store" ? Path.Combine(args[i + 1], "audit.log") : args[i + 1];
                    i++;
                    break;
                default:
                    problem = $"unexpected '{args[i]}'.";
                    return false;
            }
        }

        if (path is null)
        {
            problem = "give --store DIR or --log FILE.";
            return false;
        }

        return true;
    }
}
