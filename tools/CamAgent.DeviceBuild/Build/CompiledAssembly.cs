using CamAgent.DeviceBuild.Measure;
using CamAgent.DeviceBuild.Projects;

namespace CamAgent.DeviceBuild.Build;

/// <summary>
/// The outcome of compiling one device project in one configuration: the assembly image and
/// its bytecode estimate, or the compile errors (then <see cref="Image"/> is null). An image can
/// come with errors too: violations of the runtime rules (<see cref="RuntimeRules"/>).
/// </summary>
public sealed record CompiledAssembly(
    NfProject Project,
    BuildConfiguration Configuration,
    byte[]? Image,
    BytecodeSize? Bytecode,
    IReadOnlyList<CompileError> Errors)
{
    public bool Succeeded => Image != null;
}
