using Microsoft.CodeAnalysis;

namespace CamAgent.DeviceBuild.Shapes;

/// <summary>
/// The real mscorlib plus one generated reference assembly per section of the shape list,
/// keyed by assembly name. Built once, shared by every device compilation of a run.
/// </summary>
public sealed class ReferenceAssemblySet
{
    private readonly IReadOnlyDictionary<string, GeneratedReference> _generated;

    internal ReferenceAssemblySet(CoreLibrary coreLibrary, IReadOnlyDictionary<string, GeneratedReference> generated)
    {
        CoreLibrary = coreLibrary;
        _generated = generated;
    }

    public CoreLibrary CoreLibrary { get; }

    /// <summary>The generated assemblies in the order they were compiled (dependencies first).</summary>
    public IEnumerable<GeneratedReference> Generated => _generated.Values;

    public bool TryGet(string assemblyName, out GeneratedReference reference) =>
        _generated.TryGetValue(assemblyName, out reference!);
}
