namespace CamAgent.DeviceBuild.Measure;

/// <summary>One device assembly's bytecode estimates against the Debug budget.</summary>
public sealed record AssemblyBudget(string AssemblyName, int? DebugBytes, int? ReleaseBytes, int BudgetBytes)
{
    /// <summary>Bytes left under the budget in Debug; negative when over.</summary>
    public int? HeadroomBytes => BudgetBytes - DebugBytes;

    /// <summary>An assembly that did not compile is not within budget: nothing was measured.</summary>
    public bool WithinBudget => DebugBytes <= BudgetBytes;
}
