using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CamAgent.SubsetCheck.Tests.Device;

/// <summary>
/// Compiles the nanoFramework test project's sources (tests/CamAgent.Device.Tests) together with
/// the device libraries' sources (src/CamAgent.Core.*) and the native HMAC adapter, exactly as its .nfproj lists them, against .NET
/// and a stand-in for nanoFramework.TestFramework, then runs every [TestMethod]. nanoCLR cannot run
/// here; this keeps the device tests compiling against today's Core and their vector logic right,
/// so a device run fails only for reasons of the device itself.
/// </summary>
public class DeviceTestsOnHostTests
{
    [Fact]
    public void Device_Test_Project_Compiles_Against_Core_And_Every_Test_Method_Passes()
    {
        Assembly assembly = Compile();
        var failures = new List<string>();
        int run = 0;
        foreach (Type type in assembly.GetTypes().Where(t => t.GetCustomAttributes().Any(a => a.GetType().Name == "TestClassAttribute")))
        {
            foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttributes().Any(a => a.GetType().Name == "TestMethodAttribute")))
            {
                run++;
                try
                {
                    method.Invoke(Activator.CreateInstance(type), null);
                }
                catch (TargetInvocationException e)
                {
                    failures.Add($"{type.Name}.{method.Name}: {e.InnerException!.Message}");
                }
            }
        }

        Assert.True(run >= 10, $"only {run} device test methods found");
        Assert.Empty(failures);
    }

    private static Assembly Compile()
    {
        string root = TestPaths.RepositoryRoot;
        var files = new List<string>();
        files.AddRange(TestPaths.CoreSourceFolders.SelectMany(SourcesUnder));
        files.AddRange(SourcesUnder(Path.Combine(root, "tests", "CamAgent.Device.Tests")).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Properties{Path.DirectorySeparatorChar}", StringComparison.Ordinal)));
        files.Add(Path.Combine(root, "src", "CamAgent.Device", "Adapters", "NativeHmacSha256.cs"));
        files.Add(Path.Combine(root, "src", "CamAgent.Device", "Adapters", "NativeHmacSha256Factory.cs"));
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: f)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Device", "TestFrameworkStand", "NanoTestFramework.cs.txt"))));
        MetadataReference[] references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
        CSharpCompilation compilation = CSharpCompilation.Create(
            "CamAgent.Device.Tests.OnHost",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        string[] errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
        Assert.True(result.Success, "device tests do not compile:\n" + string.Join("\n", errors));
        image.Position = 0;
        return new AssemblyLoadContext("device-tests", isCollectible: true).LoadFromStream(image);
    }

    private static IEnumerable<string> SourcesUnder(string folder) =>
        Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar)[0] is not ("bin" or "obj"));
}
