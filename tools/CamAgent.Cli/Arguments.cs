namespace CamAgent.Cli;

/// <summary>
/// The options and positional words after a verb. Options are `--name value` or `--flag`; each verb
/// declares which it accepts, so a mistyped option is a usage error rather than silently ignored.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> values;
    private readonly HashSet<string> flags;

    private Arguments(Dictionary<string, string> values, HashSet<string> flags, List<string> positionals)
    {
        this.values = values;
        this.flags = flags;
        Positionals = positionals;
    }

    public IReadOnlyList<string> Positionals { get; }

    public string? Value(string option) => values.TryGetValue(option, out string? value) ? value : null;

    public bool Flag(string option) => flags.Contains(option);

    /// <summary>Parses <paramref name="args"/>; <paramref name="problem"/> is a sentence for the user when it fails.</summary>
    public static bool TryParse(string[] args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions, int maxPositionals, out Arguments parsed, out string problem)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var positionals = new List<string>();
        parsed = new Arguments(values, flags, positionals);
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positionals.Add(arg);
                continue;
            }

            if (flagOptions.Contains(arg))
            {
                flags.Add(arg);
            }
            else if (!valueOptions.Contains(arg))
            {
                problem = $"unknown option '{arg}'.";
                return false;
            }
            else if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"option '{arg}' needs a value.";
                return false;
            }
            else if (!values.TryAdd(arg, args[++i]))
            {
                problem = $"option '{arg}' is given twice.";
                return false;
            }
        }

        if (positionals.Count > maxPositionals)
        {
            problem = maxPositionals == 0 ? $"unexpected argument '{positionals[0]}'." : $"unexpected argument '{positionals[maxPositionals]}'.";
            return false;
        }

        problem = string.Empty;
        return true;
    }
}
