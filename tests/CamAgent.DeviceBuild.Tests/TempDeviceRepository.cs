using System.Text;
using CamAgent.DeviceBuild.Build;
using CamAgent.DeviceBuild.Shapes;

namespace CamAgent.DeviceBuild.Tests;

/// <summary>
/// A throw-away repository in a temp folder: .nfproj files written the way the device projects
/// are (classic MSBuild, references by assembly name and version), sources, and a solution
/// listing some of them. Built through <see cref="DeviceBuildRunner.Run"/>, the tool's entry point.
/// </summary>
internal sealed class TempDeviceRepository : IDisposable
{
    public const string Mscorlib = "mscorlib, Version=1.17.11.0, Culture=neutral, PublicKeyToken=c07d481e9758c731";
    public const string Streams = "System.IO.Streams, Version=1.1.96.0, Culture=neutral, PublicKeyToken=c07d481e9758c731";
    public const string Text = "nanoFramework.System.Text, Version=1.3.42.0, Culture=neutral, PublicKeyToken=c07d481e9758c731";
    public const string SolutionName = "Device.sln";

    public string Root { get; } = Directory.CreateTempSubdirectory("devicebuild-").FullName;

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Writes a project; <paramref name="extraItems"/> is raw MSBuild XML put in an ItemGroup.</summary>
    public void AddProject(string path, string assemblyName, string outputType, string[] references, string[]? projectReferences = null, string extraItems = "")
    {
        var project = new StringBuilder();
        project.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        project.AppendLine("<Project ToolsVersion=\"Current\" DefaultTargets=\"Build\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">");
        project.AppendLine($"  <PropertyGroup><OutputType>{outputType}</OutputType><AssemblyName>{assemblyName}</AssemblyName></PropertyGroup>");
        project.AppendLine("  <ItemGroup><Compile Include=\"**\\*.cs\" Exclude=\"bin\\**;obj\\**\" />" + extraItems + "</ItemGroup>");
        project.AppendLine("  <ItemGroup>");
        foreach (string reference in references)
        {
            project.AppendLine($"    <Reference Include=\"{reference}\"><HintPath>..\\packages\\any.dll</HintPath></Reference>");
        }

        foreach (string referenced in projectReferences ?? [])
        {
            project.AppendLine($"    <ProjectReference Include=\"{referenced}\" />");
        }

        project.AppendLine("  </ItemGroup>");
        project.AppendLine("</Project>");
        Write(path, project.ToString());
    }

    public void Write(string path, string text)
    {
        string full = Path.Combine(Root, path.Replace('\\', '/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    /// <summary>A solution listing <paramref name="projects"/> (Windows separators, as Visual Studio writes them).</summary>
    public void WriteSolution(params string[] projects)
    {
        var solution = new StringBuilder("Microsoft Visual Studio Solution File, Format Version 12.00\n");
        foreach (string project in projects)
        {
            string name = Path.GetFileNameWithoutExtension(project);
            solution.Append("Project(\"{11A8DD76-328B-46DF-9F39-F559912D0360}\") = \"").Append(name).Append("\", \"")
                .Append(project.Replace('/', '\\')).Append("\", \"{").Append(Guid.NewGuid().ToString().ToUpperInvariant()).Append("}\"\nEndProject\n");
        }

        Write(SolutionName, solution.ToString());
    }

    public DeviceBuildResult Build(ReferenceAssemblySet references) =>
        DeviceBuildRunner.Run(new DeviceBuildOptions(Root, SolutionName), references);
}
