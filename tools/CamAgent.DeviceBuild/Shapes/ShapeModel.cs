namespace CamAgent.DeviceBuild.Shapes;

/// <summary>
/// The types of one shape assembly arranged as C# needs them: top-level types by namespace,
/// nested types inside their containers, members inside their types. A documentation ID does
/// not say whether a dotted prefix is a namespace or a type; a prefix that is itself a listed
/// type is a containing type.
/// </summary>
internal sealed class ShapeModel
{
    private ShapeModel(SortedDictionary<string, List<ShapeType>> namespaces, IReadOnlyDictionary<string, ShapeType> types)
    {
        Namespaces = namespaces;
        Types = types;
    }

    public SortedDictionary<string, List<ShapeType>> Namespaces { get; }

    public IReadOnlyDictionary<string, ShapeType> Types { get; }

    public static ShapeModel Build(ShapeAssembly assembly)
    {
        var types = new Dictionary<string, ShapeType>(StringComparer.Ordinal);
        foreach (ShapeEntry entry in assembly.Entries.Where(e => e.Kind == 'T'))
        {
            if (!types.TryAdd(entry.DocumentationId, new ShapeType(entry)))
            {
                throw new ShapeListException($"{assembly.AssemblyName}, line {entry.LineNumber}: {entry.DocumentationId} is listed twice");
            }
        }

        var namespaces = new SortedDictionary<string, List<ShapeType>>(StringComparer.Ordinal);
        foreach (ShapeType type in types.Values)
        {
            string qualified = type.Entry.QualifiedName;
            int dot = qualified.LastIndexOf('.');
            string prefix = dot < 0 ? string.Empty : qualified[..dot];
            if (types.TryGetValue("T:" + prefix, out ShapeType? container))
            {
                container.Nested.Add(type);
            }
            else
            {
                namespaces.TryAdd(prefix, []);
                namespaces[prefix].Add(type);
            }
        }

        AddMembers(assembly, types);
        return new ShapeModel(namespaces, types);
    }

    private static void AddMembers(ShapeAssembly assembly, Dictionary<string, ShapeType> types)
    {
        foreach (ShapeEntry entry in assembly.Entries.Where(e => e.Kind != 'T'))
        {
            if (!types.TryGetValue(entry.ContainingTypeId, out ShapeType? type))
            {
                throw new ShapeListException($"{assembly.AssemblyName}, line {entry.LineNumber}: {entry.DocumentationId} belongs to no listed type");
            }

            type.Members.Add(entry);
        }
    }
}
