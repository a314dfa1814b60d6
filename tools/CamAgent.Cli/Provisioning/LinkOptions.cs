namespace CamAgent.Cli.Provisioning;

/// <summary>`--name value` options of the `se` verbs; every option is required and given once.</summary>
public sealed class LinkOptions
{
    private readonly Dictionary<string, string> _values;

    private LinkOptions(Dictionary<string, string> values)
    {
        _values = values;
    }

    public string this[string name] => _values[name];

    /// <summary>Parses <paramref name="args"/> expecting exactly the options in <paramref name="names"/>.</summary>
    public static bool TryParse(string[] args, string[] names, out LinkOptions? options, out string? usage)
    {
        options = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i += 2)
        {
            string name = args[i];
            if (!names.Contains(name))
            {
                usage = $"unknown option '{name}'";
                return false;
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                usage = $"{name} needs a value";
                return false;
            }

            if (!values.TryAdd(name, args[i + 1]))
            {
                usage = $"{name} given twice";
                return false;
            }
        }

        string? missing = names.FirstOrDefault(n => !values.ContainsKey(n));
        if (missing is not null)
        {
            usage = $"{missing} is required";
            return false;
        }

        usage = null;
        options = new LinkOptions(values);
        return true;
    }
}
