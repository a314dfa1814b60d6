using CamAgent.DeviceBuild.Projects;
using CamAgent.DeviceBuild.Shapes;
using Microsoft.CodeAnalysis;

namespace CamAgent.DeviceBuild.Build;

/// <summary>
/// Turns a project's references into compiler references: "mscorlib" is the real one, any
/// other package assembly is the generated reference assembly of that name, a project
/// reference is that project's assembly from this run. The version a project names must be
/// the version the assembly has, so the shape list and the projects move together.
/// </summary>
internal static class ReferenceResolver
{
    private const string CoreLibraryName = "mscorlib";

    public static List<MetadataReference> Resolve(
        NfProject project,
        ReferenceAssemblySet references,
        IReadOnlyDictionary<string, CompiledAssembly> compiledProjects,
        string projectPath,
        string repositoryRoot,
        List<CompileError> errors)
    {
        var metadata = new List<MetadataReference>();
        foreach (AssemblyReference reference in project.References)
        {
            MetadataReference? resolved = ResolvePackage(reference, references, projectPath, errors);
            if (resolved != null)
            {
                metadata.Add(resolved);
            }
        }

        foreach (string referenced in project.ProjectReferences)
        {
            if (compiledProjects.TryGetValue(referenced, out CompiledAssembly? compiled) && compiled.Image != null)
            {
                metadata.Add(MetadataReference.CreateFromImage(compiled.Image));
            }
            else
            {
                errors.Add(CompileError.ForProject(projectPath, CompileError.ReferencedProjectFailed, $"referenced project {RepositoryPath.Of(repositoryRoot, referenced)} did not compile"));
            }
        }

        return metadata;
    }

    private static MetadataReference? ResolvePackage(AssemblyReference reference, ReferenceAssemblySet references, string projectPath, List<CompileError> errors)
    {
        Version actual;
        MetadataReference resolved;
        if (string.Equals(reference.Name, CoreLibraryName, StringComparison.OrdinalIgnoreCase))
        {
            actual = references.CoreLibrary.Version;
            resolved = references.CoreLibrary.Reference;
        }
        else if (references.TryGet(reference.Name, out GeneratedReference generated))
        {
            actual = generated.Shape.AssemblyVersion;
            resolved = generated.Reference;
        }
        else
        {
            errors.Add(CompileError.ForProject(projectPath, CompileError.UnresolvedReference, $"no reference assembly for '{reference.Name}': its package needs a section in tools/CamAgent.DeviceBuild/{ShapeListReader.FileName}"));
            return null;
        }

        if (reference.Version != null && reference.Version != actual)
        {
            errors.Add(CompileError.ForProject(projectPath, CompileError.ReferenceVersionMismatch, $"the project references {reference.Name} {reference.Version}, but the assembly here is version {actual}"));
            return null;
        }

        return resolved;
    }
}
