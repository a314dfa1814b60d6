using CamAgent.DeviceBuild.Build;
using CamAgent.DeviceBuild.Projects;

namespace CamAgent.DeviceBuild.Tests;

/// <summary>Evaluation of .nfproj files as nanoFramework's project system evaluates them.</summary>
public sealed class NfProjectReaderTests : IDisposable
{
    private readonly TempDeviceRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    [Theory]
    [InlineData(BuildConfiguration.Debug, false, new[] { "DEBUG", "TRACE", "NANOFRAMEWORK_1_0" })]
    [InlineData(BuildConfiguration.Release, true, new[] { "TRACE", "NANOFRAMEWORK_1_0" })]
    public void Configurations_Get_The_Project_System_Defaults(BuildConfiguration configuration, bool optimize, string[] defines)
    {
        _repository.AddProject("App/App.nfproj", "App", "Exe", [TempDeviceRepository.Mscorlib]);

        NfProject project = NfProjectReader.Read(Path.Combine(_repository.Root, "App/App.nfproj"), configuration);

        Assert.Equal(optimize, project.Optimize);
        Assert.Equal(defines, project.DefineConstants);
        Assert.Equal("9.0", project.LangVersion);
        Assert.Equal("Exe", project.OutputType);
        Assert.Equal("mscorlib", Assert.Single(project.References).Name);
        Assert.Equal(new Version(1, 17, 11, 0), project.References[0].Version);
    }

    [Fact]
    public void Conditional_Property_Groups_Apply_Only_To_Their_Configuration()
    {
        string extra = "</ItemGroup><PropertyGroup Condition=\" '$(Configuration)|$(Platform)' == 'Release|AnyCPU' \"><DefineConstants>$(DefineConstants);EXTRA</DefineConstants><LangVersion>8.0</LangVersion></PropertyGroup><ItemGroup>";
        _repository.AddProject("App/App.nfproj", "App", "Library", [TempDeviceRepository.Mscorlib], extraItems: extra);
        string path = Path.Combine(_repository.Root, "App/App.nfproj");

        NfProject debug = NfProjectReader.Read(path, BuildConfiguration.Debug);
        NfProject release = NfProjectReader.Read(path, BuildConfiguration.Release);

        Assert.DoesNotContain("EXTRA", debug.DefineConstants);
        Assert.Equal(["TRACE", "EXTRA", "NANOFRAMEWORK_1_0"], release.DefineConstants);
        Assert.Equal("9.0", debug.LangVersion);
        Assert.Equal("8.0", release.LangVersion);
    }

    [Fact]
    public void Globs_Honour_Exclude_Remove_And_Linked_Files_Keep_Their_Real_Path()
    {
        string linked = "<Compile Include=\"..\\Core\\**\\*.cs\" Exclude=\"..\\Core\\obj\\**\"><Link>Core\\%(RecursiveDir)%(Filename)%(Extension)</Link></Compile><Compile Remove=\"Old\\*.cs\" />";
        _repository.AddProject("App/App.nfproj", "App", "Library", [TempDeviceRepository.Mscorlib], extraItems: linked);
        foreach (string file in new[] { "App/Main.cs", "App/Old/Gone.cs", "App/obj/Gen.cs", "Core/A.cs", "Core/Deep/Er/B.CS", "Core/obj/C.cs", "Core/readme.txt" })
        {
            _repository.Write(file, "// source");
        }

        NfProject project = NfProjectReader.Read(Path.Combine(_repository.Root, "App/App.nfproj"), BuildConfiguration.Debug);

        string[] files = project.SourceFiles.Select(f => RepositoryPath.Of(_repository.Root, f)).ToArray();
        Assert.Equal(["App/Main.cs", "Core/A.cs", "Core/Deep/Er/B.CS"], files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_Listed_File_That_Does_Not_Exist_Is_Reported_Missing()
    {
        _repository.AddProject("App/App.nfproj", "App", "Library", [TempDeviceRepository.Mscorlib], extraItems: "<Compile Include=\"Nowhere.cs\" />");

        NfProject project = NfProjectReader.Read(Path.Combine(_repository.Root, "App/App.nfproj"), BuildConfiguration.Debug);

        Assert.Equal("App/Nowhere.cs", RepositoryPath.Of(_repository.Root, Assert.Single(project.MissingSourceFiles)));
    }

    [Fact]
    public void A_Condition_It_Cannot_Evaluate_Is_Refused_Not_Guessed()
    {
        _repository.AddProject("App/App.nfproj", "App", "Library", [TempDeviceRepository.Mscorlib], extraItems: "<Compile Include=\"A.cs\" Condition=\"$([MSBuild]::IsOSPlatform('Windows'))\" />");

        var error = Assert.Throws<NfProjectException>(() => NfProjectReader.Read(Path.Combine(_repository.Root, "App/App.nfproj"), BuildConfiguration.Debug));

        Assert.Contains("unsupported MSBuild condition", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CamAgent.Core.Primitives")]
    [InlineData("CamAgent.Core.Evidence")]
    [InlineData("CamAgent.Core.Storage")]
    [InlineData("CamAgent.Core.Agent")]
    [InlineData("CamAgent.Core.Provisioning")]
    public void A_Device_Library_Compiles_Every_Source_Of_Its_Folder_And_None_Of_Its_Build_Output(string library)
    {
        string folder = Path.Combine(TestPaths.RepositoryRoot, "src", library);
        NfProject project = NfProjectReader.Read(Path.Combine(folder, library + ".nfproj"), BuildConfiguration.Debug);
        string[] sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !RepositoryPath.Of(folder, f).StartsWith("bin/", StringComparison.Ordinal) && !RepositoryPath.Of(folder, f).StartsWith("obj/", StringComparison.Ordinal))
            .ToArray();

        Assert.NotEmpty(sources);
        Assert.Equal(sources.Order(StringComparer.Ordinal), project.SourceFiles.Order(StringComparer.Ordinal));
        Assert.Empty(project.MissingSourceFiles);
    }
}
