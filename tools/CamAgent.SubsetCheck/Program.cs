namespace CamAgent.SubsetCheck;

/// <summary>
/// Command line: <c>CamAgent.SubsetCheck &lt;source-folder&gt;... [--allowlist FILE]</c>; several folders
/// are checked as one compilation (the device libraries reference each other).
/// Prints one line per violation (<c>path(line,col): NFS0NN: message</c>), then a summary.
/// Exit codes: 0 inside the subset, 1 violations, 2 usage error (bad arguments, unreadable or
/// malformed allowlist, missing folder).
/// </summary>
public static class Program
{
    public const int ExitClean = 0;
    public const int ExitViolations = 1;
    public const int ExitUsage = 2;

    private const string AllowlistOption = "--allowlist";
    private const string DefaultAllowlistFileName = "nanoframework-1x-api.txt";

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the check with the given arguments, writing the report to <paramref name="output"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!TryParse(args, out List<string> folders, out string allowlistPath, out string? problem))
        {
            error.WriteLine($"CamAgent.SubsetCheck: {problem}");
            error.WriteLine($"usage: CamAgent.SubsetCheck <source-folder>... [{AllowlistOption} FILE]");
            return ExitUsage;
        }

        string? missing = folders.FirstOrDefault(folder => !Directory.Exists(folder));
        if (missing != null)
        {
            error.WriteLine($"CamAgent.SubsetCheck: source folder not found: {missing}");
            return ExitUsage;
        }

        Allowlist allowlist;
        try
        {
            allowlist = Allowlist.Load(allowlistPath);
        }
        catch (IOException exception)
        {
            error.WriteLine($"CamAgent.SubsetCheck: cannot read allowlist {allowlistPath}: {exception.Message}");
            return ExitUsage;
        }

        if (allowlist.Problems.Count > 0)
        {
            error.WriteLine($"CamAgent.SubsetCheck: allowlist {allowlistPath} is malformed:");
            foreach (string line in allowlist.Problems)
            {
                error.WriteLine($"  {line}");
            }

            return ExitUsage;
        }

        var references = ReferenceAssemblies.Load(ReferenceAssemblies.Locate());
        CheckResult result = SubsetChecker.Check(folders, allowlist, references);
        foreach (Violation violation in result.Violations)
        {
            output.WriteLine(violation);
        }

        output.WriteLine(result.Summary);
        return result.Violations.Count == 0 ? ExitClean : ExitViolations;
    }

    /// <summary>The allowlist shipped next to the tool (copied to its output folder).</summary>
    public static string DefaultAllowlistPath => Path.Combine(AppContext.BaseDirectory, DefaultAllowlistFileName);

    private static bool TryParse(string[] args, out List<string> folders, out string allowlistPath, out string? problem)
    {
        folders = [];
        allowlistPath = DefaultAllowlistPath;
        problem = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == AllowlistOption)
            {
                if (i + 1 >= args.Length)
                {
                    problem = $"{AllowlistOption} needs a file";
                    return false;
                }

                allowlistPath = args[++i];
            }
            else if (args[i].StartsWith('-'))
            {
                problem = $"unknown option '{args[i]}'";
                return false;
            }
            else
            {
                folders.Add(args[i]);
            }
        }

        problem = folders.Count == 0 ? "no source folder given" : null;
        return folders.Count > 0;
    }
}
