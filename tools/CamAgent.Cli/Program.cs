using System.CommandLine;
using System.CommandLine.Invocation;

namespace CamAgent.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        return Run(args, CliContext.ForConsole());
    }

    /// <summary>
    /// Parses <paramref name="args"/> with the one grammar every verb shares and runs the verb.
    /// <paramref name="replacements"/> stand in for the registered verbs of the same name (tests
    /// give a verb that talks to an emulated device).
    /// </summary>
    public static int Run(string[] args, CliContext context, params Verb[] replacements)
    {
        IReadOnlyList<Verb> verbs = CommandRegistry.Create()
            .Select(v => replacements.FirstOrDefault(r => r.Name == v.Name) ?? v)
            .ToList();
        Command root = CommandTree.Build(verbs, context);
        ParseResult parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            return UsageErrors.Report(parse, context);
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file system is the CLI's platform boundary: a full disk or a permission problem is
            // reported as one sentence with a documented exit code, not as a stack trace.
            context.Error.WriteLine($"camagent {CommandTree.PathOf(parse.CommandResult.Command)}: a file could not be read or written: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
