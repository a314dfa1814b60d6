using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CamAgent.SubsetCheck.Tests.Device;

/// <summary>
/// The nanoFramework projects cannot be built on this machine, so these checks keep them from
/// rotting silently: well-formed project files, only the packages (and versions) the device
/// build guide lists, references that match packages.config, Core referenced as its five
/// libraries (never linked or copied), and
/// vectors generated from tests/vectors.
/// </summary>
public partial class DeviceProjectTests
{
    private static readonly XNamespace MsBuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    /// <summary>Every nanoFramework project of CamAgent.Device.sln.</summary>
    public static TheoryData<string> Projects => new(DeviceSolutionProjects());

    /// <summary>The device libraries (src/CamAgent.Core.*).</summary>
    public static TheoryData<string> CoreLibraries => new(CoreLibraryNames());

    [Theory]
    [MemberData(nameof(Projects))]
    public void Project_Is_Well_Formed_Msbuild_Importing_The_NanoFramework_Project_System(string project)
    {
        XDocument document = XDocument.Load(Full(project));

        Assert.Equal(MsBuild + "Project", document.Root!.Name);
        string[] imports = document.Root.Elements(MsBuild + "Import").Select(i => (string)i.Attribute("Project")!).ToArray();
        Assert.Contains("$(NanoFrameworkProjectSystemPath)NFProjectSystem.props", imports);
        Assert.Contains("$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets", imports);
        Assert.Contains("{11A8DD76-328B-46DF-9F39-F559912D0360}", Property(document, "ProjectTypeGuids"));
        Assert.Equal("v1.0", Property(document, "TargetFrameworkVersion"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Packages_Are_Exactly_Those_The_Device_Build_Guide_Lists(string project)
    {
        Dictionary<string, string> documented = DocumentedPackages();
        Dictionary<string, string> used = PackagesConfig(project);

        Assert.NotEmpty(used);
        foreach ((string id, string version) in used)
        {
            Assert.True(documented.TryGetValue(id, out string? listed), $"{project}: {id} is not listed in docs/device-build.md");
            Assert.Equal(listed, version);
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_Reference_Points_Into_A_Package_Of_Packages_Config(string project)
    {
        Dictionary<string, string> used = PackagesConfig(project);
        XDocument document = XDocument.Load(Full(project));
        XElement[] references = document.Descendants(MsBuild + "Reference").ToArray();

        Assert.NotEmpty(references);
        foreach (XElement reference in references)
        {
            string hint = (string)reference.Element(MsBuild + "HintPath")!;
            Match match = HintPathPattern().Match(hint);
            Assert.True(match.Success, $"{project}: unexpected HintPath {hint}");
            string id = match.Groups["id"].Value;
            Assert.True(used.TryGetValue(id, out string? version), $"{project}: {id} is referenced but not in packages.config");
            Assert.Equal(version, match.Groups["version"].Value);
        }

        string[] referenced = references.Select(r => HintPathPattern().Match((string)r.Element(MsBuild + "HintPath")!).Groups["id"].Value).Distinct().ToArray();
        Assert.Equal(used.Keys.Order(), referenced.Order());
    }

    [Theory]
    [MemberData(nameof(CoreLibraries))]
    public void Each_Core_Library_Is_One_Folder_Built_Twice_With_The_Same_References(string library)
    {
        string folder = Full("src/" + library);
        XDocument nano = XDocument.Load(Path.Combine(folder, library + ".nfproj"));
        XDocument host = XDocument.Load(Path.Combine(folder, library + ".csproj"));

        Assert.Equal(library, Property(nano, "AssemblyName"));
        Assert.Equal("Library", Property(nano, "OutputType"));
        Assert.Equal("9", Property(nano, "LangVersion"));
        Assert.Equal(@"**\*.cs", (string)Assert.Single(nano.Descendants(MsBuild + "Compile")).Attribute("Include")!);
        Assert.Equal(
            ProjectReferences(host, ".csproj"),
            ProjectReferences(nano, ".nfproj"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void No_Device_Project_Links_Or_Copies_Core_Sources(string project)
    {
        XDocument document = XDocument.Load(Full(project));
        string projectFolder = Path.GetDirectoryName(Full(project))!;
        string[] linked = document.Descendants(MsBuild + "Compile")
            .Select(c => (string)c.Attribute("Include")!)
            .Where(include => include.Contains("CamAgent.Core.", StringComparison.Ordinal) && !include.StartsWith("**", StringComparison.Ordinal))
            .ToArray();
        Assert.Empty(linked);

        string[] coreFiles = CoreSourceFiles().Where(f => !f.StartsWith(projectFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(Path.GetFileName).ToArray()!;
        Assert.NotEmpty(coreFiles);
        string[] ownFiles = Directory.GetFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(projectFolder, f)).Select(Path.GetFileName).ToArray()!;
        Assert.Empty(ownFiles.Intersect(coreFiles));
    }

    [Theory]
    [InlineData("src/CamAgent.Device/CamAgent.Device.nfproj")]
    [InlineData("tests/CamAgent.Device.Tests/CamAgent.Device.Tests.nfproj")]
    [InlineData("tests/CamAgent.Device.AgentTests/CamAgent.Device.AgentTests.nfproj")]
    public void The_App_And_Its_Tests_Reference_Every_Core_Library(string project)
    {
        string[] referenced = ProjectReferences(XDocument.Load(Full(project)), ".nfproj")
            .Where(name => name.StartsWith("CamAgent.Core.", StringComparison.Ordinal)).ToArray();

        Assert.Equal(CoreLibraryNames().Order(StringComparer.Ordinal), referenced.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Device_Solution_Holds_Every_NanoFramework_Project_And_The_Host_Solution_Holds_None()
    {
        string host = File.ReadAllText(Full("CamAgent.sln"));
        string[] onDisk = Directory.GetFiles(TestPaths.RepositoryRoot, "*.nfproj", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(TestPaths.RepositoryRoot, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToArray();

        Assert.Equal(onDisk.Order(StringComparer.Ordinal), DeviceSolutionProjects().Order(StringComparer.Ordinal));
        Assert.Equal(9, onDisk.Length);
        Assert.All(onDisk, project => Assert.DoesNotContain(Path.GetFileName(project), host));
    }

    [Fact]
    public void Host_Build_Settings_Do_Not_Reach_The_NanoFramework_Projects()
    {
        XDocument props = XDocument.Load(Full("Directory.Build.props"));
        XElement[] groups = props.Root!.Elements("PropertyGroup").ToArray();

        XElement device = Assert.Single(groups, g => (string?)g.Attribute("Condition") == "'$(MSBuildProjectExtension)' == '.nfproj'");
        Assert.Equal("false", device.Element("ImportDirectoryPackagesProps")!.Value);
        XElement host = Assert.Single(groups, g => (string?)g.Attribute("Condition") == "'$(MSBuildProjectExtension)' != '.nfproj'");
        Assert.NotNull(host.Element("TargetFramework"));
        Assert.Equal(2, groups.Length);
        Assert.Empty(props.Root.Elements("ItemGroup"));
    }

    [Fact]
    public void Device_Test_Vectors_Match_Tests_Vectors()
    {
        string expected = DeviceVectorSource.Generate(Full("tests/vectors"));
        string path = Full(DeviceVectorSource.GeneratedRelativePath);
        if (Environment.GetEnvironmentVariable("CAMAGENT_WRITE_DEVICE_VECTORS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{DeviceVectorSource.GeneratedRelativePath} is missing; see docs/device-build.md");
        Assert.Equal(expected, File.ReadAllText(path));
        foreach (string vector in Directory.GetFiles(Full("tests/vectors"), "*.json"))
        {
            Assert.Contains("public static readonly string[] " + DeviceVectorSource.TableName(vector) + " ", expected);
        }
    }

    private static Dictionary<string, string> DocumentedPackages()
    {
        var packages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match row in DocumentedPackagePattern().Matches(File.ReadAllText(Full("docs/device-build.md"))))
        {
            packages.Add(row.Groups["id"].Value, row.Groups["version"].Value);
        }

        Assert.NotEmpty(packages);
        return packages;
    }

    private static Dictionary<string, string> PackagesConfig(string project)
    {
        string file = Path.Combine(Path.GetDirectoryName(Full(project))!, "packages.config");
        return XDocument.Load(file).Root!.Elements("package")
            .ToDictionary(p => (string)p.Attribute("id")!, p => (string)p.Attribute("version")!, StringComparer.Ordinal);
    }

    private static IEnumerable<string> CoreSourceFiles() =>
        TestPaths.CoreSourceFolders.SelectMany(core =>
            Directory.GetFiles(core, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(core, f)));

    private static string[] CoreLibraryNames() =>
        TestPaths.CoreSourceFolders.Select(Path.GetFileName).ToArray()!;

    private static string[] DeviceSolutionProjects() =>
        SolutionProjectPattern().Matches(File.ReadAllText(Full("CamAgent.Device.sln")))
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .ToArray();

    private static string[] ProjectReferences(XDocument project, string extension) =>
        project.Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .Select(r => Path.GetFileName(((string)r.Attribute("Include")!).Replace('\\', '/')))
            .Select(name => name[..^extension.Length])
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static bool IsBuildOutput(string root, string file)
    {
        string first = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    private static string Property(XDocument document, string name) =>
        document.Descendants(MsBuild + name).Select(e => e.Value).Single();

    private static string Full(string relative) => Path.Combine(TestPaths.RepositoryRoot, relative.Replace('/', Path.DirectorySeparatorChar));

    [GeneratedRegex(@"^\.\.\\\.\.\\packages\\(?<id>[A-Za-z0-9.]+?)\.(?<version>\d+\.\d+\.\d+)\\lib\\[A-Za-z0-9.]+\.(dll|exe)$")]
    private static partial Regex HintPathPattern();

    [GeneratedRegex(@"^Project\(""\{11A8DD76-328B-46DF-9F39-F559912D0360\}""\) = ""[^""]+"", ""(?<path>[^""]+\.nfproj)""", RegexOptions.Multiline)]
    private static partial Regex SolutionProjectPattern();

    [GeneratedRegex(@"^\| `(?<id>nanoFramework\.[A-Za-z0-9.]+)` \| `(?<version>\d+\.\d+\.\d+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedPackagePattern();
}
