using System.Xml.Linq;

namespace CamAgent.SubsetCheck.Tests.Device;

/// <summary>
/// A nanoFramework project (.nfproj) read as far as the host needs to compile it the way the
/// nanoFramework project system does: its assembly name, the C# files its Compile items name (the
/// `**\*.cs` glob without bin/ and obj/, and linked files), its project references, and whether it
/// uses nanoFramework.TestFramework. Anything else in a Compile item is refused, so a project the
/// host would read differently from the device build fails here instead of drifting.
/// </summary>
internal sealed class NanoProject
{
    private const string TestFrameworkPackage = "nanoFramework.TestFramework";
    private const string SourceGlob = @"**\*.cs";
    private const string BuildOutputExclude = @"bin\**;obj\**";

    private static readonly XNamespace MsBuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    private NanoProject(string path, string assemblyName, IReadOnlyList<string> sources, IReadOnlyList<string> references, bool usesTestFramework, bool isTestProject)
    {
        ProjectPath = path;
        AssemblyName = assemblyName;
        Sources = sources;
        ReferencePaths = references;
        UsesTestFramework = usesTestFramework;
        IsTestProject = isTestProject;
    }

    public string ProjectPath { get; }

    /// <summary>File name without extension (e.g. CamAgent.Device.AgentTests).</summary>
    public string Name => Path.GetFileNameWithoutExtension(ProjectPath);

    public string AssemblyName { get; }

    public IReadOnlyList<string> Sources { get; }

    /// <summary>Full paths of the referenced .nfproj files.</summary>
    public IReadOnlyList<string> ReferencePaths { get; }

    public bool UsesTestFramework { get; }

    public bool IsTestProject { get; }

    public static NanoProject Load(string path)
    {
        string folder = Path.GetDirectoryName(path)!;
        XDocument document = XDocument.Load(path);
        var sources = new List<string>();
        foreach (XElement compile in document.Descendants(MsBuild + "Compile"))
        {
            sources.AddRange(CompileItem(folder, (string)compile.Attribute("Include")!, (string?)compile.Attribute("Exclude")));
        }

        string[] references = document.Descendants(MsBuild + "ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(folder, ((string)r.Attribute("Include")!).Replace('\\', Path.DirectorySeparatorChar))))
            .ToArray();
        string packages = Path.Combine(folder, "packages.config");
        bool usesTestFramework = File.Exists(packages)
            && XDocument.Load(packages).Root!.Elements("package").Any(p => (string?)p.Attribute("id") == TestFrameworkPackage);
        bool isTestProject = document.Descendants(MsBuild + "IsTestProject").Any(e => e.Value == "true");
        string assemblyName = document.Descendants(MsBuild + "AssemblyName").Single().Value;
        return new NanoProject(Path.GetFullPath(path), assemblyName, sources, references, usesTestFramework, isTestProject);
    }

    /// <summary>Test methods declared in this project's own sources, as "Class.Method", found from the syntax alone.</summary>
    public IEnumerable<string> TestMethods() =>
        Sources.SelectMany(source => DeviceTestSyntax.TestMethods(File.ReadAllText(source)));

    private static IEnumerable<string> CompileItem(string folder, string include, string? exclude)
    {
        if (include == SourceGlob)
        {
            if (exclude != BuildOutputExclude)
            {
                throw new NotSupportedException($"Compile Include=\"{include}\" with Exclude=\"{exclude}\": only Exclude=\"{BuildOutputExclude}\" is read");
            }

            return Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar)[0] is not ("bin" or "obj"))
                .Order(StringComparer.Ordinal);
        }

        if (include.Contains('*', StringComparison.Ordinal) || exclude != null)
        {
            throw new NotSupportedException($"Compile Include=\"{include}\": only {SourceGlob} and single files are read");
        }

        return [Path.GetFullPath(Path.Combine(folder, include.Replace('\\', Path.DirectorySeparatorChar)))];
    }
}
