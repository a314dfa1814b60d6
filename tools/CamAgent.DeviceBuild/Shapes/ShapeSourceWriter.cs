using System.Text;
using System.Text.RegularExpressions;

namespace CamAgent.DeviceBuild.Shapes;

/// <summary>
/// Writes a shape assembly as compilable C#: every declaration exactly as listed, with the
/// smallest bodies that compile (<c>throw null</c>, empty accessors). Abstract members and
/// interface members stay bodiless, so a subclass that misses an abstract override fails to
/// compile exactly as against the real package. A class with no listed constructor gets an
/// internal one, so the shape adds no public constructor the real assembly lacks.
/// </summary>
internal static partial class ShapeSourceWriter
{
    /// <summary>
    /// The C# source of <paramref name="assembly"/>. <paramref name="baseCalls"/> maps a class's
    /// documentation ID to the constructor initialiser its constructors need (": base(...)"),
    /// for bases without an accessible parameterless constructor.
    /// </summary>
    public static string Write(ShapeAssembly assembly, IReadOnlyDictionary<string, string> baseCalls, IReadOnlySet<string> rootNamespaces)
    {
        ShapeModel model = ShapeModel.Build(assembly);
        var source = new StringBuilder();
        source.Append("[assembly: System.Reflection.AssemblyVersion(\"").Append(assembly.AssemblyVersion).AppendLine("\")]");
        foreach ((string name, List<ShapeType> types) in model.Namespaces)
        {
            bool named = name.Length > 0;
            if (named)
            {
                source.Append("namespace ").Append(name).AppendLine(" {");
            }

            foreach (ShapeType type in types)
            {
                WriteType(source, type, new Context(baseCalls, rootNamespaces));
            }

            if (named)
            {
                source.AppendLine("}");
            }
        }

        return source.ToString();
    }

    private static void WriteType(StringBuilder source, ShapeType type, Context context)
    {
        string declaration = GlobalQualifier.Qualify(type.Entry.Declaration, context.RootNamespaces);
        if (type.Keyword == "delegate")
        {
            source.Append(declaration).AppendLine(";");
            return;
        }

        string baseCall = context.BaseCalls.TryGetValue(type.Entry.DocumentationId, out string? call) ? call : string.Empty;
        source.AppendLine(declaration).AppendLine("{");
        if (type.NeedsHiddenConstructor)
        {
            source.Append("internal ").Append(type.Name).Append("()").Append(baseCall).AppendLine(" { }");
        }

        foreach (ShapeEntry member in type.Members)
        {
            source.AppendLine(GlobalQualifier.Qualify(MemberText(type, member, baseCall), context.RootNamespaces));
        }

        foreach (ShapeType nested in type.Nested)
        {
            WriteType(source, nested, context);
        }

        source.AppendLine("}");
    }

    private static string MemberText(ShapeType type, ShapeEntry member, string baseCall)
    {
        string declaration = member.Declaration;
        bool bodiless = type.IsInterface || ShapeType.HasModifier(declaration, "abstract");
        return member.Kind switch
        {
            'F' => declaration + (type.Keyword == "enum" ? "," : ";"),
            'M' when member.SimpleName == "#ctor" => declaration + baseCall + " { }",
            'M' => declaration + (bodiless ? ";" : " { throw null; }"),
            'P' => bodiless ? declaration : Accessor().Replace(declaration, "$1 { throw null; }"),
            'E' => declaration + (bodiless ? ";" : " { add { } remove { } }"),
            _ => throw new ShapeListException($"line {member.LineNumber}: unknown entry kind in {member.DocumentationId}"),
        };
    }

    private sealed record Context(IReadOnlyDictionary<string, string> BaseCalls, IReadOnlySet<string> RootNamespaces);

    [GeneratedRegex(@"\b(get|set);")]
    private static partial Regex Accessor();
}
