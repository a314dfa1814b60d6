using System.Text.RegularExpressions;

namespace CamAgent.DeviceBuild.Shapes;

/// <summary>A type of the shape list with its members and nested types, ready to be written as C#.</summary>
internal sealed partial class ShapeType
{
    public ShapeType(ShapeEntry entry)
    {
        Entry = entry;
        Match keyword = KindKeyword().Match(WithoutAttributes(entry.Declaration));
        if (!keyword.Success || entry.DocumentationId.Contains('`', StringComparison.Ordinal))
        {
            throw new ShapeListException($"line {entry.LineNumber}: '{entry.Declaration}' is not a non-generic class, struct, interface, enum or delegate declaration");
        }

        Keyword = keyword.Groups["kind"].Value;
    }

    public ShapeEntry Entry { get; }

    /// <summary>"class", "struct", "interface", "enum" or "delegate".</summary>
    public string Keyword { get; }

    public string Name => Entry.SimpleName;

    public List<ShapeEntry> Members { get; } = [];

    public List<ShapeType> Nested { get; } = [];

    public bool IsInterface => Keyword == "interface";

    /// <summary>A class that needs a constructor the writer supplies: one with none listed.</summary>
    public bool NeedsHiddenConstructor =>
        Keyword == "class" && !HasModifier(Entry.Declaration, "static") && !Members.Any(m => m.SimpleName == "#ctor");

    public static bool HasModifier(string declaration, string modifier) =>
        Regex.IsMatch(WithoutAttributes(declaration), @"(^|\s)" + modifier + @"\s");

    private static string WithoutAttributes(string declaration)
    {
        string rest = declaration;
        while (rest.StartsWith('['))
        {
            rest = rest[(rest.IndexOf(']', StringComparison.Ordinal) + 1)..].TrimStart();
        }

        return rest;
    }

    [GeneratedRegex(@"(^|\s)(?<kind>class|struct|interface|enum|delegate)\s")]
    private static partial Regex KindKeyword();
}
