namespace CamAgent.SubsetCheck;

/// <summary>
/// The set of documentation-comment IDs (T:, M:, P:, F:, E:) that nanoFramework 1.x has.
/// File format: one ID per line; '#' starts a comment line; blank lines are ignored.
/// </summary>
public sealed class Allowlist
{
    private static readonly string[] KnownPrefixes = ["T:", "M:", "P:", "F:", "E:"];

    private readonly HashSet<string> _ids;

    private Allowlist(HashSet<string> ids, IReadOnlyList<string> problems)
    {
        _ids = ids;
        Problems = problems;
    }

    /// <summary>Number of distinct IDs.</summary>
    public int Count => _ids.Count;

    /// <summary>Malformed lines and duplicates, as <c>line N: text</c>. Empty for a healthy file.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>True when nanoFramework has the API with this exact documentation-comment ID.</summary>
    public bool Contains(string documentationId) => _ids.Contains(documentationId);

    /// <summary>The IDs that start with <paramref name="prefix"/>, in ordinal order (for hints in messages).</summary>
    public IReadOnlyList<string> StartingWith(string prefix) =>
        _ids.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Reads an allowlist file. Throws <see cref="IOException"/> if it cannot be read.</summary>
    public static Allowlist Load(string path) => Parse(File.ReadAllLines(path));

    /// <summary>Parses allowlist lines; problems are collected, never thrown.</summary>
    public static Allowlist Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        int lineNumber = 0;
        foreach (string raw in lines)
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!IsWellFormed(line))
            {
                problems.Add($"line {lineNumber}: not a documentation-comment ID: {line}");
            }
            else if (!ids.Add(line))
            {
                problems.Add($"line {lineNumber}: duplicate: {line}");
            }
        }

        return new Allowlist(ids, problems);
    }

    private static bool IsWellFormed(string line) =>
        line.Length > 2
        && KnownPrefixes.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal))
        && !line.Any(char.IsWhiteSpace);
}
