using System.CommandLine;
using System.Text.Json;
using CamAgent.Verification.Audit;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent audit verify`: checks the ingest server's hash-chained audit log.</summary>
public sealed class AuditVerifyCommand : Verb
{
    private readonly Option<string> _store = CliOptions.Store("the ingest server's store folder (its audit.log is checked)", required: false);
    private readonly Option<string> _log = CliOptions.Text("--log", "FILE", "an audit log file (e.g. a backup copy), instead of --store", required: false);
    private readonly Option<bool> _json = CliOptions.Json("one JSON object instead of text");

    public override string Name => "audit verify";

    public override string Summary => "Check the ingest server's audit log: every line present, in order, unaltered.";

    public override string Details => """
        Reads the audit log the ingest server writes (<store>/audit.log) and checks its hash chain:
        every line is JSON, numbered in order, and carries the SHA-256 of the line before it. An
        edited, inserted, deleted or reordered line breaks the chain at that line. Prints the
        number of lines and the head hash (SHA-256 of the last line): keep the head hash somewhere
        the server cannot write (a ticket, a signed e-mail, another machine) and compare it later
        to prove nothing was cut off the end either.
        """;

    public override string ExitCodeText => "0 the chain is intact; 1 it is broken; 2 usage; 3 the log cannot be read.";

    public override IReadOnlyList<string> Examples => ["camagent audit verify --store /srv/camagent/store"];

    protected override IEnumerable<Option> Options => [_store, _log, _json];

    protected override void Validate(System.CommandLine.Parsing.CommandResult result) => CliOptions.ExactlyOne(result, _store, _log);

    protected override int Execute(ParseResult parse, CliContext context)
    {
        string path = parse.GetValue(_store) is string store ? Path.Combine(store, "audit.log") : parse.GetValue(_log)!;
        bool json = parse.GetValue(_json);
        AuditVerification result;
        try
        {
            result = AuditLogVerifier.Verify(path);
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
}
