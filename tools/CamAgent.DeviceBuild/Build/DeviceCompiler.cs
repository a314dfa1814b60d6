using System.Globalization;
using System.Text;
using CamAgent.DeviceBuild.Measure;
using CamAgent.DeviceBuild.Projects;
using CamAgent.DeviceBuild.Shapes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CamAgent.DeviceBuild.Build;

/// <summary>
/// Compiles one evaluated device project with Roslyn as nanoFramework's project system has csc
/// do it: no standard library (NoStdLib: the project's own mscorlib reference is the real one),
/// the project's language version (9.0 unless it sets one), its define constants and
/// optimisation, plus the TargetFramework attribute file the project system generates. Package
/// references resolve by assembly name to the generated reference assemblies and must name
/// their version exactly; project references resolve to the assemblies just compiled.
/// </summary>
public static class DeviceCompiler
{
    private const string TargetFrameworkSource =
        "[assembly: global::System.Runtime.Versioning.TargetFrameworkAttribute(\".NETnanoFramework,Version=v1.0\", FrameworkDisplayName = \".NET nanoFramework 1.0\")]";

    public static CompiledAssembly Compile(
        NfProject project,
        BuildConfiguration configuration,
        ReferenceAssemblySet references,
        IReadOnlyDictionary<string, CompiledAssembly> compiledProjects,
        string repositoryRoot)
    {
        string projectPath = RepositoryPath.Of(repositoryRoot, project.FullPath);
        var errors = new List<CompileError>();
        foreach (string missing in project.MissingSourceFiles)
        {
            errors.Add(CompileError.ForProject(projectPath, CompileError.SourceFileNotFound, $"Source file '{RepositoryPath.Of(repositoryRoot, missing)}' could not be found."));
        }

        List<MetadataReference> metadata = ReferenceResolver.Resolve(project, references, compiledProjects, projectPath, repositoryRoot, errors);
        if (!LanguageVersionFacts.TryParse(project.LangVersion, out LanguageVersion language))
        {
            errors.Add(CompileError.ForProject(projectPath, CompileError.UnreadableProject, $"LangVersion '{project.LangVersion}' is not a C# language version"));
        }

        if (errors.Count > 0)
        {
            return new CompiledAssembly(project, configuration, null, null, errors);
        }

        CSharpCompilation compilation = CreateCompilation(project, metadata, language, projectPath, errors);
        return errors.Count > 0
            ? new CompiledAssembly(project, configuration, null, null, errors)
            : Emit(compilation, project, configuration, repositoryRoot, projectPath);
    }

    private static CSharpCompilation CreateCompilation(NfProject project, List<MetadataReference> metadata, LanguageVersion language, string projectPath, List<CompileError> errors)
    {
        var parseOptions = new CSharpParseOptions(language, DocumentationMode.None, SourceCodeKind.Regular, project.DefineConstants);
        var trees = new List<SyntaxTree>();
        foreach (string file in project.SourceFiles)
        {
            using FileStream stream = File.OpenRead(file);
            trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(stream, Encoding.UTF8), parseOptions, file));
        }

        trees.Add(CSharpSyntaxTree.ParseText(TargetFrameworkSource, parseOptions, ".NETnanoFramework,Version=v1.0.AssemblyAttributes.cs"));
        OutputKind? kind = project.OutputType.ToUpperInvariant() switch
        {
            "EXE" => OutputKind.ConsoleApplication,
            "WINEXE" => OutputKind.WindowsApplication,
            "LIBRARY" => OutputKind.DynamicallyLinkedLibrary,
            _ => null,
        };
        if (kind == null)
        {
            errors.Add(CompileError.ForProject(projectPath, CompileError.UnreadableProject, $"OutputType '{project.OutputType}' is not Exe, WinExe or Library"));
        }

        var options = new CSharpCompilationOptions(
            kind ?? OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: project.Optimize ? OptimizationLevel.Release : OptimizationLevel.Debug,
            allowUnsafe: project.AllowUnsafeBlocks,
            deterministic: true,
            nullableContextOptions: NullableContextOptions.Disable);
        return CSharpCompilation.Create(project.AssemblyName, trees, metadata, options);
    }

    private static CompiledAssembly Emit(CSharpCompilation compilation, NfProject project, BuildConfiguration configuration, string repositoryRoot, string projectPath)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        CompileError[] errors = result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => ToError(d, repositoryRoot, projectPath))
            .ToArray();
        if (!result.Success || errors.Length > 0)
        {
            return new CompiledAssembly(project, configuration, null, null, errors);
        }

        // A runtime-rule violation fails the build but still yields the image, so the projects
        // that reference this one compile and report their own problems too.
        byte[] bytes = image.ToArray();
        return new CompiledAssembly(project, configuration, bytes, BytecodeMeter.Measure(bytes), RuntimeRules.Check(compilation, repositoryRoot));
    }

    private static CompileError ToError(Diagnostic diagnostic, string repositoryRoot, string projectPath)
    {
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        if (!diagnostic.Location.IsInSource)
        {
            return CompileError.ForProject(projectPath, diagnostic.Id, message);
        }

        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        string path = RepositoryPath.Of(repositoryRoot, span.Path);
        return new CompileError(path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, diagnostic.Id, message);
    }
}
