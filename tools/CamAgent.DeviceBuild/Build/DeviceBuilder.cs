using System.Xml;
using CamAgent.DeviceBuild.Projects;
using CamAgent.DeviceBuild.Shapes;

namespace CamAgent.DeviceBuild.Build;

/// <summary>
/// Compiles a set of device projects and every .nfproj they reference, dependencies first, in
/// Debug and in Release.
/// </summary>
public static class DeviceBuilder
{
    public static DeviceBuildResult Build(string repositoryRoot, IReadOnlyList<string> projects, ReferenceAssemblySet references)
    {
        var assemblies = new List<CompiledAssembly>();
        var projectErrors = new List<CompileError>();
        foreach (BuildConfiguration configuration in Enum.GetValues<BuildConfiguration>())
        {
            var ordered = new List<NfProject>();
            var visiting = new HashSet<string>(StringComparer.Ordinal);
            foreach (string project in projects)
            {
                Load(Path.GetFullPath(project), configuration, repositoryRoot, ordered, visiting, projectErrors);
            }

            var compiled = new Dictionary<string, CompiledAssembly>(StringComparer.Ordinal);
            foreach (NfProject project in ordered)
            {
                compiled.Add(project.FullPath, DeviceCompiler.Compile(project, configuration, references, compiled, repositoryRoot));
            }

            assemblies.AddRange(compiled.Values);
        }

        return new DeviceBuildResult(assemblies, projectErrors.DistinctBy(e => e.ToString()).ToArray());
    }

    private static void Load(string path, BuildConfiguration configuration, string repositoryRoot, List<NfProject> ordered, HashSet<string> visiting, List<CompileError> errors)
    {
        if (ordered.Any(p => p.FullPath == path))
        {
            return;
        }

        string shownPath = RepositoryPath.Of(repositoryRoot, path);
        if (!visiting.Add(path))
        {
            errors.Add(CompileError.ForProject(shownPath, CompileError.UnreadableProject, "project references form a cycle"));
            return;
        }

        try
        {
            NfProject project = NfProjectReader.Read(path, configuration);
            foreach (string referenced in project.ProjectReferences)
            {
                Load(referenced, configuration, repositoryRoot, ordered, visiting, errors);
            }

            ordered.Add(project);
        }
        catch (Exception e) when (e is NfProjectException or XmlException or IOException)
        {
            errors.Add(CompileError.ForProject(shownPath, CompileError.UnreadableProject, e.Message));
        }
        finally
        {
            visiting.Remove(path);
        }
    }
}
