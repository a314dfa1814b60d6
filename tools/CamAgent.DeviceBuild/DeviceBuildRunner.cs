using CamAgent.DeviceBuild.Build;
using CamAgent.DeviceBuild.Projects;
using CamAgent.DeviceBuild.Shapes;

namespace CamAgent.DeviceBuild;

/// <summary>The tool's one entry point, shared by the command line and the tests.</summary>
public static class DeviceBuildRunner
{
    /// <summary>
    /// The real mscorlib and the reference assemblies of the checked-in shape list. Throws
    /// <see cref="CoreLibraryMissingException"/> or <see cref="ShapeListException"/> when the
    /// build cannot start.
    /// </summary>
    public static ReferenceAssemblySet LoadReferences() =>
        ReferenceAssemblyBuilder.Build(CoreLibrary.Locate(), ShapeListReader.ReadDefault());

    /// <summary>Compiles every .nfproj of the solution (and those they reference) in Debug and Release.</summary>
    public static DeviceBuildResult Run(DeviceBuildOptions options, ReferenceAssemblySet references)
    {
        ArgumentNullException.ThrowIfNull(options);
        string root = Path.GetFullPath(options.RepositoryRoot);
        IReadOnlyList<string> projects = SolutionReader.NanoFrameworkProjects(Path.Combine(root, options.Solution));
        DeviceBuildResult result = DeviceBuilder.Build(root, projects, references);
        if (options.OutputDirectory != null)
        {
            OutputWriter.Write(options.OutputDirectory, result, references);
        }

        return result;
    }
}
