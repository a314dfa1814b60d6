using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CamAgent.DeviceBuild.Shapes;

/// <summary>
/// Compiles the shape list into reference assemblies with Roslyn: C# 9, no standard library
/// (the real mscorlib is the only framework reference), each section against mscorlib and the
/// sections it names, dependencies first. Each assembly gets its real name, version and
/// nanoFramework's public key (public-signed), so the device projects' references
/// ("System.IO.Streams, Version=1.1.96.0, ... PublicKeyToken=c07d481e9758c731") bind to it
/// exactly. A type that the real mscorlib already has, or that two sections define, is refused:
/// it would make every use of it ambiguous.
/// </summary>
public static class ReferenceAssemblyBuilder
{
    private const int ErrorsShown = 10;

    public static ReferenceAssemblySet Build(CoreLibrary coreLibrary, IReadOnlyList<ShapeAssembly> shapes)
    {
        var built = new Dictionary<string, GeneratedReference>(StringComparer.Ordinal);
        var definedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        CSharpCompilation coreOnly = CSharpCompilation.Create("probe", references: [coreLibrary.Reference]);
        IReadOnlySet<string> roots = RootNamespaces(coreOnly, shapes);
        foreach (ShapeAssembly shape in DependencyOrder(shapes))
        {
            CSharpCompilation compilation = Compile(coreLibrary, shape, built, roots);
            CheckTypesAreNew(compilation, coreOnly, definedBy, shape.AssemblyName);
            built.Add(shape.AssemblyName, Emit(compilation, shape));
        }

        return new ReferenceAssemblySet(coreLibrary, built);
    }

    private static List<ShapeAssembly> DependencyOrder(IReadOnlyList<ShapeAssembly> shapes)
    {
        var byName = new Dictionary<string, ShapeAssembly>(StringComparer.Ordinal);
        foreach (ShapeAssembly shape in shapes)
        {
            if (!byName.TryAdd(shape.AssemblyName, shape))
            {
                throw new ShapeListException($"assembly {shape.AssemblyName} has two sections in the shape list");
            }
        }

        var ordered = new List<ShapeAssembly>();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (ShapeAssembly shape in shapes)
        {
            Visit(shape, byName, visiting, ordered);
        }

        return ordered;
    }

    private static void Visit(ShapeAssembly shape, Dictionary<string, ShapeAssembly> byName, HashSet<string> visiting, List<ShapeAssembly> ordered)
    {
        if (ordered.Contains(shape))
        {
            return;
        }

        if (!visiting.Add(shape.AssemblyName))
        {
            throw new ShapeListException($"the shape list's references form a cycle through {shape.AssemblyName}");
        }

        foreach (string reference in shape.References)
        {
            if (!byName.TryGetValue(reference, out ShapeAssembly? dependency))
            {
                throw new ShapeListException($"{shape.AssemblyName} references {reference}, which has no section in the shape list");
            }

            Visit(dependency, byName, visiting, ordered);
        }

        visiting.Remove(shape.AssemblyName);
        ordered.Add(shape);
    }

    private static HashSet<string> RootNamespaces(CSharpCompilation coreOnly, IReadOnlyList<ShapeAssembly> shapes)
    {
        var roots = new HashSet<string>(coreOnly.GlobalNamespace.GetNamespaceMembers().Select(n => n.Name), StringComparer.Ordinal);
        roots.UnionWith(shapes.SelectMany(s => s.Entries).Where(e => e.Kind == 'T').Select(e => e.QualifiedName.Split('.')[0]));
        return roots;
    }

    private static CSharpCompilation Compile(CoreLibrary coreLibrary, ShapeAssembly shape, Dictionary<string, GeneratedReference> built, IReadOnlySet<string> roots)
    {
        var references = new List<MetadataReference> { coreLibrary.Reference };
        references.AddRange(shape.References.Select(name => built[name].Reference));
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            allowUnsafe: true,
            cryptoPublicKey: coreLibrary.PublicKey,
            publicSign: true,
            deterministic: true,
            nullableContextOptions: NullableContextOptions.Disable);
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp9);

        CSharpCompilation Create(IReadOnlyDictionary<string, string> baseCalls) => CSharpCompilation.Create(
            shape.AssemblyName,
            [CSharpSyntaxTree.ParseText(ShapeSourceWriter.Write(shape, baseCalls, roots), parseOptions, shape.AssemblyName + ".shape.cs")],
            references,
            options);

        CSharpCompilation firstPass = Create(new Dictionary<string, string>());
        return Create(BaseCallResolver.Resolve(firstPass, shape));
    }

    private static GeneratedReference Emit(CSharpCompilation compilation, ShapeAssembly shape)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Diagnostic[] errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (!result.Success || errors.Length > 0)
        {
            IEnumerable<string> shown = errors.Take(ErrorsShown).Select(Describe);
            throw new ShapeListException(
                $"the shape of {shape.AssemblyName} does not compile ({errors.Length} errors):" + Environment.NewLine
                + string.Join(Environment.NewLine, shown));
        }

        byte[] bytes = image.ToArray();
        return new GeneratedReference(shape, bytes, MetadataReference.CreateFromImage(bytes));
    }

    private static string Describe(Diagnostic error)
    {
        SourceText? text = error.Location.SourceTree?.GetText();
        string line = text == null ? string.Empty : text.Lines[error.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim();
        return $"  {error.Id}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} in '{line}'";
    }

    private static void CheckTypesAreNew(CSharpCompilation compilation, CSharpCompilation coreOnly, Dictionary<string, string> definedBy, string assemblyName)
    {
        foreach (INamedTypeSymbol type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            string name = MetadataName(type);
            if (coreOnly.GetTypeByMetadataName(name) != null)
            {
                throw new ShapeListException($"{assemblyName} redefines {name}, which the real mscorlib already has");
            }

            if (!definedBy.TryAdd(name, assemblyName))
            {
                throw new ShapeListException($"{name} is defined by both {definedBy[name]} and {assemblyName}");
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceOrTypeSymbol container)
    {
        foreach (INamespaceOrTypeSymbol member in container.GetMembers().OfType<INamespaceOrTypeSymbol>())
        {
            if (member is INamedTypeSymbol type)
            {
                yield return type;
            }

            foreach (INamedTypeSymbol inner in AllTypes(member))
            {
                yield return inner;
            }
        }
    }

    private static string MetadataName(INamedTypeSymbol type) => type.ContainingType != null
        ? MetadataName(type.ContainingType) + "+" + type.MetadataName
        : (type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString() + ".") + type.MetadataName;
}
