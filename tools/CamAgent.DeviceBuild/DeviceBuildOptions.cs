using CamAgent.DeviceBuild.Measure;

namespace CamAgent.DeviceBuild;

/// <summary>What to build: the repository, the solution listing the device projects, the budget, where to write outputs.</summary>
public sealed record DeviceBuildOptions(
    string RepositoryRoot,
    string Solution = DeviceBuildOptions.DefaultSolution,
    int BudgetBytes = BytecodeBudget.DebugBudgetBytes,
    string? OutputDirectory = null)
{
    /// <summary>The solution of the device projects, relative to the repository.</summary>
    public const string DefaultSolution = "CamAgent.Device.sln";
}
