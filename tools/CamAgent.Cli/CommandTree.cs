using System.CommandLine;
using System.CommandLine.Help;

namespace CamAgent.Cli;

/// <summary>
/// Builds the `camagent` command tree: the root, the parent words of <see cref="CommandRegistry.Groups"/>
/// and every verb under them, with one help format (<see cref="VerbHelpAction"/>) and `--version`.
/// </summary>
public static class CommandTree
{
    public const string RootName = "camagent";

    /// <summary>Columns of every help text: fixed, so docs/cli.md matches the help on any terminal.</summary>
    public const int HelpWidth = 100;

    public const string RootSummary = "Sealed body-camera evidence, from the camera to the agency's own server.";

    public static readonly IReadOnlyList<string> RootExamples =
    [
        "camagent demo",
        "camagent pki init --pki /srv/camagent/pki --agency \"Example County PD\" --host evidence.example-county.gov",
        "camagent verify --store /srv/camagent/store --ca pki/ca/root-ca.crt.pem --html report.html",
    ];

    public static Command Build(IReadOnlyList<Verb> verbs, CliContext context)
    {
        var root = new Command(RootName, RootSummary);
        var help = new HelpOption("--help", "-h") { Recursive = true };
        root.Options.Add(help);
        root.Options.Add(new VersionOption("--version") { Action = new VersionAction() });
        var extras = new Dictionary<Command, HelpExtras> { [root] = new(string.Empty, string.Empty, RootExamples) };
        foreach (Verb verb in verbs)
        {
            Command parent = ParentOf(root, verb.Name, extras);
            Command command = verb.Build(context);
            parent.Subcommands.Add(command);
            extras[command] = new HelpExtras(verb.Details, verb.ExitCodeText, verb.Examples);
        }

        help.Action = new VerbHelpAction(new HelpAction { MaxWidth = HelpWidth }, extras);
        return root;
    }

    /// <summary>The words after `camagent` that name <paramref name="command"/> ("" for the root).</summary>
    public static string PathOf(Command command)
    {
        var words = new List<string>();
        for (Symbol? s = command; s is Command c && c.Name != RootName; s = c.Parents.FirstOrDefault())
        {
            words.Insert(0, c.Name);
        }

        return string.Join(' ', words);
    }

    /// <summary>Writes the help of <paramref name="command"/> (a command of the tree under <paramref name="root"/>).</summary>
    public static void WriteHelp(Command root, Command command, TextWriter output)
    {
        string path = PathOf(command);
        string[] args = path.Length == 0 ? ["--help"] : [.. path.Split(' '), "--help"];
        root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
    }

    private static Command ParentOf(Command root, string verbName, Dictionary<Command, HelpExtras> extras)
    {
        string[] words = verbName.Split(' ');
        Command parent = root;
        foreach (string word in words[..^1])
        {
            Command? existing = parent.Subcommands.FirstOrDefault(c => c.Name == word);
            if (existing is null)
            {
                VerbGroup group = CommandRegistry.Groups.Single(g => g.Name == word);
                existing = new Command(word, group.Summary);
                parent.Subcommands.Add(existing);
                extras[existing] = new HelpExtras(string.Empty, string.Empty, group.Examples);
            }

            parent = existing;
        }

        return parent;
    }
}
