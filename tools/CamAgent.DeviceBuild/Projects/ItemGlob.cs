using System.Text;
using System.Text.RegularExpressions;

namespace CamAgent.DeviceBuild.Projects;

/// <summary>
/// MSBuild item specs: a path, or a pattern with <c>*</c>, <c>?</c> and <c>**</c> (any number
/// of folders), relative to the project folder, with Windows separators. Matching ignores case,
/// as it does on Windows, where nanoFramework projects are built.
/// </summary>
public static class ItemGlob
{
    public static bool IsPattern(string spec) => spec.IndexOfAny(['*', '?']) >= 0;

    /// <summary>The absolute, '/'-separated form of <paramref name="spec"/>.</summary>
    public static string Absolute(string baseDirectory, string spec) =>
        Path.GetFullPath(Path.Combine(baseDirectory, spec.Trim().Replace('\\', '/')));

    /// <summary>Files matching a pattern, in ordinal order; a plain path is returned as it is.</summary>
    public static IReadOnlyList<string> Expand(string baseDirectory, string spec)
    {
        string absolute = Absolute(baseDirectory, spec);
        if (!IsPattern(absolute))
        {
            return [absolute];
        }

        string root = FixedPrefix(absolute);
        if (!Directory.Exists(root))
        {
            return [];
        }

        Regex pattern = ToRegex(absolute);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(file => pattern.IsMatch(file))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>True when <paramref name="file"/> (absolute) matches the pattern or path <paramref name="spec"/>.</summary>
    public static bool Matches(string baseDirectory, string spec, string file)
    {
        string absolute = Absolute(baseDirectory, spec);
        return IsPattern(absolute)
            ? ToRegex(absolute).IsMatch(file)
            : string.Equals(absolute, file, StringComparison.OrdinalIgnoreCase);
    }

    private static string FixedPrefix(string absolute)
    {
        string[] parts = absolute.Split('/');
        int firstWild = Array.FindIndex(parts, p => IsPattern(p));
        return string.Join('/', parts[..firstWild]) + "/";
    }

    private static Regex ToRegex(string absolute)
    {
        var text = new StringBuilder("^");
        string[] parts = absolute.Split('/');
        for (int i = 0; i < parts.Length; i++)
        {
            bool last = i == parts.Length - 1;
            if (parts[i] == "**")
            {
                text.Append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }

            text.Append(Regex.Escape(parts[i]).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal));
            if (!last)
            {
                text.Append('/');
            }
        }

        return new Regex(text.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
