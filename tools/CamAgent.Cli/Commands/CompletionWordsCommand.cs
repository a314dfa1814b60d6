using System.CommandLine;

namespace CamAgent.Cli.Commands;

/// <summary>
/// `camagent completion words --line LINE` (hidden; the completion script calls it): the words
/// that may follow LINE, one per line, from the same command tree that parses camagent's arguments.
/// </summary>
public sealed class CompletionWordsCommand : Verb
{
    private readonly Option<string> _line = CliOptions.Text("--line", "LINE", "the command line up to the cursor, starting with 'camagent'", required: true);

    public override string Name => "completion words";

    public override string Summary => "The completions of a partial command line (used by the completion script).";

    public override string ExitCodeText => "0 printed.";

    public override IReadOnlyList<string> Examples => ["camagent completion words --line 'camagent board fl'"];

    public override bool Hidden => true;

    protected override IEnumerable<Option> Options => [_line];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        string line = parse.GetValue(_line)!;
        string typed = line.StartsWith(CommandTree.RootName, StringComparison.Ordinal) ? line[CommandTree.RootName.Length..].TrimStart() : line;
        Command root = CommandTree.Build(CommandRegistry.Create(), context);
        string current = typed.Length == 0 || typed.EndsWith(' ') ? string.Empty : typed[(typed.LastIndexOf(' ') + 1)..];
        foreach (string word in root.Parse(typed).GetCompletions(typed.Length).Select(c => c.Label).Where(w => w.StartsWith(current, StringComparison.Ordinal) && !w.StartsWith("-h", StringComparison.Ordinal)).Distinct())
        {
            context.Output.WriteLine(word);
        }

        return ExitCodes.Ok;
    }
}
