namespace CamAgent.DeviceBuild.Projects;

/// <summary>
/// A <c>&lt;Reference Include="Name, Version=..."&gt;</c> of a device project. The HintPath names
/// the package's DLL in packages/, which never exists here; the assembly is resolved by name.
/// </summary>
public sealed record AssemblyReference(string Name, Version? Version, string? HintPath);
