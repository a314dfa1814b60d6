using System.Globalization;

namespace CamAgent.DeviceBuild.Shapes;

/// <summary>
/// Reads the shape list (nanoframework-1x-shapes.txt). Lines starting with "# " and blank lines
/// are comments. Each assembly's section starts with a header of "## key: value" lines
/// (package, assembly, source, references, entries) followed by one entry per line: a
/// documentation-comment ID, one space, the declaration. The entry count in the header is
/// checked so that a truncated or hand-edited section is noticed.
/// </summary>
public static class ShapeListReader
{
    /// <summary>The file name of the checked-in list, next to the tool's binaries.</summary>
    public const string FileName = "nanoframework-1x-shapes.txt";

    private static readonly string[] HeaderKeys = ["package", "assembly", "source", "references", "entries"];

    /// <summary>The shape list shipped with the tool.</summary>
    public static IReadOnlyList<ShapeAssembly> ReadDefault() =>
        Read(Path.Combine(AppContext.BaseDirectory, FileName));

    /// <summary>Reads and checks a shape list; throws <see cref="ShapeListException"/> naming the line.</summary>
    public static IReadOnlyList<ShapeAssembly> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ShapeListException($"shape list not found: {path}");
        }

        var sections = new List<ShapeAssembly>();
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<ShapeEntry>();
        string[] lines = File.ReadAllLines(path);
        for (int index = 0; index < lines.Length; index++)
        {
            string line = lines[index];
            int number = index + 1;
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (entries.Count > 0 || header.ContainsKey("entries"))
                {
                    sections.Add(Close(header, entries, path));
                }

                AddHeader(header, line, path, number);
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                entries.Add(ParseEntry(line, header, path, number));
            }
        }

        if (header.Count > 0)
        {
            sections.Add(Close(header, entries, path));
        }

        return sections;
    }

    private static void AddHeader(Dictionary<string, string> header, string line, string path, int number)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        string key = colon < 0 ? string.Empty : line[3..colon].Trim();
        if (!HeaderKeys.Contains(key) || header.ContainsKey(key))
        {
            throw new ShapeListException($"{path}({number}): unexpected header line '{line}'");
        }

        header.Add(key, line[(colon + 1)..].Trim());
    }

    private static ShapeEntry ParseEntry(string line, Dictionary<string, string> header, string path, int number)
    {
        int space = line.IndexOf(' ', StringComparison.Ordinal);
        bool wellFormed = space > 2 && line[1] == ':' && "TMPFE".Contains(line[0], StringComparison.Ordinal);
        if (!wellFormed || !header.ContainsKey("entries"))
        {
            throw new ShapeListException($"{path}({number}): expected '<documentation ID> <declaration>' inside a section: '{line}'");
        }

        return new ShapeEntry(line[..space], line[(space + 1)..].Trim(), number);
    }

    private static ShapeAssembly Close(Dictionary<string, string> header, List<ShapeEntry> entries, string path)
    {
        foreach (string key in HeaderKeys)
        {
            if (!header.ContainsKey(key))
            {
                throw new ShapeListException($"{path}: a section lacks its '## {key}:' header line");
            }
        }

        string[] package = header["package"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        (string name, Version version) = ParseAssembly(header["assembly"], path);
        int expected = int.Parse(header["entries"], NumberStyles.None, CultureInfo.InvariantCulture);
        if (package.Length != 2 || expected != entries.Count)
        {
            throw new ShapeListException($"{path}: section {name} declares {expected} entries and a package '{header["package"]}', has {entries.Count} entries");
        }

        string[] references = header["references"].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var section = new ShapeAssembly(package[0], package[1], name, version, header["source"], references, entries.ToArray());
        header.Clear();
        entries.Clear();
        return section;
    }

    private static (string Name, Version Version) ParseAssembly(string value, string path)
    {
        const string VersionKey = "Version=";
        string[] parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[1].StartsWith(VersionKey, StringComparison.Ordinal)
            || !Version.TryParse(parts[1][VersionKey.Length..], out Version? version))
        {
            throw new ShapeListException($"{path}: '## assembly: {value}' is not 'Name, Version=a.b.c.d'");
        }

        return (parts[0], version);
    }
}
