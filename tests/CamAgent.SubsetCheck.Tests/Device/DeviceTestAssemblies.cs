using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CamAgent.SubsetCheck.Tests.Device;

/// <summary>
/// Builds a nanoFramework test project for .NET the way its .nfproj builds it for the device: every
/// project in its reference graph becomes an assembly of its own, from the files its Compile items
/// name, in C# 9 and without the NANOFRAMEWORK_1_0 symbol, referencing only the assemblies its
/// project references name (so internals stay internal, as across the device's assemblies), with
/// a stand-in for nanoFramework.TestFramework. The graph is loaded into a load context of its own.
/// Images are compiled once per test run; nanoCLR itself cannot run here.
/// </summary>
internal static class DeviceTestAssemblies
{
    private const string TestFrameworkAssemblyName = "nanoFramework.TestFramework";

    private static readonly object Gate = new();
    private static readonly Dictionary<string, byte[]> Images = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, Assembly> TestAssemblies = new(StringComparer.Ordinal);
    private static readonly Lazy<MetadataReference[]> Platform = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray());

    /// <summary>The stand-in for nanoFramework.TestFramework (same namespace and member shapes).</summary>
    public static string TestFrameworkStandIn => Path.Combine(AppContext.BaseDirectory, "Device", "TestFrameworkStand", "NanoTestFramework.cs.txt");

    /// <summary>The test project's assembly, loaded with everything it references.</summary>
    public static Assembly Load(NanoProject testProject)
    {
        lock (Gate)
        {
            if (!TestAssemblies.TryGetValue(testProject.ProjectPath, out Assembly? assembly))
            {
                var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                Image(testProject, images);
                assembly = new DeviceTestLoadContext(images).LoadFromAssemblyName(new AssemblyName(testProject.AssemblyName));
                TestAssemblies.Add(testProject.ProjectPath, assembly);
            }

            return assembly;
        }
    }

    /// <summary>Compiles <paramref name="project"/> and its references (once each); collects every image by assembly name.</summary>
    private static byte[] Image(NanoProject project, Dictionary<string, byte[]> graph)
    {
        var references = new List<MetadataReference>(Platform.Value);
        foreach (string referencePath in project.ReferencePaths)
        {
            references.Add(MetadataReference.CreateFromImage(Image(NanoProject.Load(referencePath), graph)));
        }

        if (project.UsesTestFramework)
        {
            byte[] standIn = Compiled(TestFrameworkStandIn, TestFrameworkAssemblyName, [TestFrameworkStandIn], Platform.Value);
            graph[TestFrameworkAssemblyName] = standIn;
            references.Add(MetadataReference.CreateFromImage(standIn));
        }

        byte[] image = Compiled(project.ProjectPath, project.AssemblyName, project.Sources, references);
        graph[project.AssemblyName] = image;
        return image;
    }

    private static byte[] Compiled(string key, string assemblyName, IReadOnlyList<string> sources, IReadOnlyList<MetadataReference> references)
    {
        if (Images.TryGetValue(key, out byte[]? cached))
        {
            return cached;
        }

        // C# 9 and no preprocessor symbols: what the nanoFramework project system compiles, minus NANOFRAMEWORK_1_0.
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        CSharpCompilation compilation = CSharpCompilation.Create(
            assemblyName,
            sources.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable, optimizationLevel: OptimizationLevel.Debug));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        string[] errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
        Assert.True(result.Success, $"{Path.GetFileName(key)} does not compile for .NET:\n" + string.Join("\n", errors));
        Images.Add(key, image.ToArray());
        return Images[key];
    }

    /// <summary>Resolves the graph's assemblies by name from their images; the platform from the default context.</summary>
    private sealed class DeviceTestLoadContext(Dictionary<string, byte[]> images) : AssemblyLoadContext
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            images.TryGetValue(assemblyName.Name!, out byte[]? image) ? LoadFromStream(new MemoryStream(image)) : null;
    }
}
