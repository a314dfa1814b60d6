namespace CamAgent.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        return Run(args, new CliContext(Console.Out, Console.Error, Console.In));
    }

    /// <summary>Dispatches to the verb whose name matches the longest prefix of <paramref name="args"/>.</summary>
    public static int Run(string[] args, CliContext context)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(context.Output);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        ICommand? best = null;
        int bestWords = 0;
        foreach (ICommand command in CommandRegistry.All)
        {
            string[] words = command.Name.Split(' ');
            if (words.Length > bestWords && words.Length <= args.Length && words.AsSpan().SequenceEqual(args.AsSpan(0, words.Length)))
            {
                best = command;
                bestWords = words.Length;
            }
        }

        if (best is null)
        {
            context.Error.WriteLine($"camagent: unknown verb '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}'. Run 'camagent --help' for the list.");
            return ExitCodes.Usage;
        }

        string[] rest = args[bestWords..];
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            context.Output.WriteLine(best.Help);
            return ExitCodes.Ok;
        }

        try
        {
            return best.Run(rest, context);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file system is the CLI's platform boundary: a full disk or a permission problem is
            // reported as one sentence with a documented exit code, not as a stack trace.
            context.Error.WriteLine($"camagent {best.Name}: a file could not be read or written: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    private static void PrintUsage(TextWriter output)
    {
        output.WriteLine("camagent: sealed body-camera evidence, from the camera to the agency's own server.");
        output.WriteLine();
        output.WriteLine("Usage: camagent <verb> [options]     camagent <verb> --help");
        output.WriteLine();
        foreach (ICommand command in CommandRegistry.All)
        {
            output.WriteLine($"  {command.Name,-22} {command.Summary}");
        }
    }
}
