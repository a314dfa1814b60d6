using CamAgent.DeviceBuild.Measure;

namespace CamAgent.DeviceBuild.Build;

/// <summary>Every compiled device assembly of a run (both configurations) and every error.</summary>
public sealed record DeviceBuildResult(IReadOnlyList<CompiledAssembly> Assemblies, IReadOnlyList<CompileError> ProjectErrors)
{
    /// <summary>Project and compiler errors, each once (most code errors occur in both configurations).</summary>
    public IReadOnlyList<CompileError> Errors =>
        ProjectErrors.Concat(Assemblies.SelectMany(a => a.Errors)).DistinctBy(e => e.ToString()).ToArray();

    /// <summary>One row per device assembly: its Debug and Release estimates (null where it did not compile).</summary>
    public IReadOnlyList<AssemblyBudget> Budgets(int debugBudgetBytes) => Assemblies
        .GroupBy(a => a.Project.FullPath, StringComparer.Ordinal)
        .Select(g => new AssemblyBudget(
            g.First().Project.AssemblyName,
            Size(g, BuildConfiguration.Debug),
            Size(g, BuildConfiguration.Release),
            debugBudgetBytes))
        .ToArray();

    /// <summary>True when everything compiled and every assembly is within the Debug budget.</summary>
    public bool Succeeded(int debugBudgetBytes) => Errors.Count == 0 && Budgets(debugBudgetBytes).All(b => b.WithinBudget);

    private static int? Size(IEnumerable<CompiledAssembly> builds, BuildConfiguration configuration) =>
        builds.FirstOrDefault(b => b.Configuration == configuration)?.Bytecode?.TotalBytes;
}
