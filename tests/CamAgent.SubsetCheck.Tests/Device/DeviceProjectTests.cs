using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CamAgent.SubsetCheck.Tests.Device;

/// <summary>
/// The nanoFramework projects cannot be built on this machine, so these checks keep them from
/// rotting silently: well-formed project files, only the packages (and versions) the device
/// build guide lists, references that match packages.config, every Core source linked, and
/// vectors generated from tests/vectors.
/// </summary>
public partial class DeviceProjectTests
{
    private static readonly XNamespace MsBuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    public static TheoryData<string> Projects => new()
    {
        "src/CamAgent.Device/CamAgent.Device.nfproj",
        "tests/CamAgent.Device.Tests/CamAgent.Device.Tests.nfproj",
    };

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
    [MemberData(nameof(Projects))]
    public void Every_Core_Source_File_Is_Linked_Not_Copied(string project)
    {
        XDocument document = XDocument.Load(Full(project));
        string projectFolder = Path.GetDirectoryName(Full(project))!;
        XElement[] coreGlobs = document.Descendants(MsBuild + "Compile")
            .Where(c => ((string)c.Attribute("Include")!).EndsWith(@"CamAgent.Core\**\*.cs", StringComparison.Ordinal))
            .ToArray();

        XElement glob = Assert.Single(coreGlobs);
        string include = (string)glob.Attribute("Include")!;
        string coreFolder = Path.GetFullPath(Path.Combine(projectFolder, include[..include.IndexOf(@"\**", StringComparison.Ordinal)].Replace('\\', Path.DirectorySeparatorChar)));
        Assert.Equal(Path.GetFullPath(TestPaths.CoreSources), coreFolder);
        Assert.Equal(@"Core\%(RecursiveDir)%(Filename)%(Extension)", (string)glob.Element(MsBuild + "Link")!);
        string[] excluded = ((string)glob.Attribute("Exclude")!).Split(';');
        Assert.All(excluded, e => Assert.Matches(@"CamAgent\.Core\\(bin|obj)\\\*\*$", e));

        string[] coreTypes = CoreSourceFiles().Select(Path.GetFileName).ToArray()!;
        Assert.NotEmpty(coreTypes);
        string[] ownFiles = Directory.GetFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(projectFolder, f)).Select(Path.GetFileName).ToArray()!;
        Assert.Empty(ownFiles.Intersect(coreTypes));
    }

    [Fact]
    public void Device_Solution_Holds_Both_Projects_And_The_Host_Solution_Holds_Neither()
    {
        string device = File.ReadAllText(Full("CamAgent.Device.sln"));
        string host = File.ReadAllText(Full("CamAgent.sln"));

        foreach (string project in new[] { @"src\CamAgent.Device\CamAgent.Device.nfproj", @"tests\CamAgent.Device.Tests\CamAgent.Device.Tests.nfproj" })
        {
            Assert.Contains("\"" + project + "\"", device);
            Assert.DoesNotContain(Path.GetFileName(project), host);
        }
    }

    [Theory]
    [InlineData("src/CamAgent.Device")]
    [InlineData("tests/CamAgent.Device.Tests")]
    public void Host_Build_Settings_Do_Not_Reach_The_Device_Projects(string folder)
    {
        XDocument props = XDocument.Load(Full(folder + "/Directory.Build.props"));

        Assert.DoesNotContain(props.Descendants(), e => e.Name.LocalName == "Import");
        Assert.Equal("false", props.Descendants().Single(e => e.Name.LocalName == "ImportDirectoryPackagesProps").Value);
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

    private static IEnumerable<string> CoreSourceFiles()
    {
        string core = TestPaths.CoreSources;
        return Directory.GetFiles(core, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(core, f));
    }

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

    [GeneratedRegex(@"^\| `(?<id>nanoFramework\.[A-Za-z0-9.]+)` \| `(?<version>\d+\.\d+\.\d+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedPackagePattern();
}
