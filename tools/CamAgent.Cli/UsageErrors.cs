using System.CommandLine;

namespace CamAgent.Cli;

/// <summary>Turns System.CommandLine's parse errors into camagent's one-line usage errors (exit 2).</summary>
public static class UsageErrors
{
    /// <summary>
    /// Prints "camagent VERB: PROBLEM Run 'camagent VERB --help'." (or, for a word that names no
    /// verb, "unknown verb"); a parent word alone (`camagent board`) prints its help. Returns
    /// <see cref="ExitCodes.Usage"/>.
    /// </summary>
    public static int Report(ParseResult parse, CliContext context)
    {
        Command command = parse.CommandResult.Command;
        string path = CommandTree.PathOf(command);
        bool isGroup = command.Subcommands.Count > 0;
        if (isGroup && parse.UnmatchedTokens.Count > 0)
        {
            string typed = string.Join(' ', parse.Tokens.Select(t => t.Value).TakeWhile(v => !v.StartsWith('-')));
            string help = path.Length == 0 ? "camagent --help" : $"camagent {path} --help";
            context.Error.WriteLine($"camagent: unknown verb '{typed}'. Run '{help}' for the list.");
            return ExitCodes.Usage;
        }

        if (isGroup)
        {
            CommandTree.WriteHelp(parse.RootCommandResult.Command, command, context.Output);
            return ExitCodes.Usage;
        }

        string problem = parse.UnmatchedTokens.Count == 0
            ? parse.Errors[0].Message
            : parse.UnmatchedTokens[0].StartsWith('-') ? $"unknown option '{parse.UnmatchedTokens[0]}'." : $"unexpected argument '{parse.UnmatchedTokens[0]}'.";
        context.Error.WriteLine($"camagent {path}: {problem} Run 'camagent {path} --help'.");
        return ExitCodes.Usage;
    }
}
