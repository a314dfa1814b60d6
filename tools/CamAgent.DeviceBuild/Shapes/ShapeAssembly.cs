namespace CamAgent.DeviceBuild.Shapes;

/// <summary>
/// One section of the shape list: the public API of one nanoFramework assembly, the package
/// that ships it, where its shape was read from, and the assemblies it references (besides
/// mscorlib).
/// </summary>
public sealed record ShapeAssembly(
    string PackageId,
    string PackageVersion,
    string AssemblyName,
    Version AssemblyVersion,
    string Source,
    IReadOnlyList<string> References,
    IReadOnlyList<ShapeEntry> Entries);
