using CamAgent.DeviceBuild.Build;
using CamAgent.DeviceBuild.Shapes;

namespace CamAgent.DeviceBuild;

/// <summary>
/// Writes what a run built, for inspection (ildasm, the metadata processor on a Windows
/// machine): DIR/refs/*.dll (the generated reference assemblies) and DIR/Debug, DIR/Release
/// (the device assemblies). Build output only; never committed.
/// </summary>
internal static class OutputWriter
{
    public static void Write(string directory, DeviceBuildResult result, ReferenceAssemblySet references)
    {
        string refs = Path.Combine(directory, "refs");
        Directory.CreateDirectory(refs);
        foreach (GeneratedReference reference in references.Generated)
        {
            File.WriteAllBytes(Path.Combine(refs, reference.Shape.AssemblyName + ".dll"), reference.Image);
        }

        foreach (CompiledAssembly assembly in result.Assemblies.Where(a => a.Image != null))
        {
            string folder = Path.Combine(directory, assembly.Configuration.ToString());
            Directory.CreateDirectory(folder);
            string extension = string.Equals(assembly.Project.OutputType, "Library", StringComparison.OrdinalIgnoreCase) ? ".dll" : ".exe";
            File.WriteAllBytes(Path.Combine(folder, assembly.Project.AssemblyName + extension), assembly.Image!);
        }
    }
}
