namespace CamAgent.DeviceBuild.Projects;

/// <summary>
/// A classic nanoFramework project (.nfproj) as evaluated for one configuration: what the
/// project system hands the C# compiler.
/// </summary>
public sealed record NfProject(
    string FullPath,
    string AssemblyName,
    string OutputType,
    string LangVersion,
    IReadOnlyList<string> DefineConstants,
    bool Optimize,
    bool AllowUnsafeBlocks,
    IReadOnlyList<string> SourceFiles,
    IReadOnlyList<string> MissingSourceFiles,
    IReadOnlyList<AssemblyReference> References,
    IReadOnlyList<string> ProjectReferences);
