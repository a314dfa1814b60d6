namespace CamAgent.DeviceBuild.Measure;

/// <summary>The one home of the per-assembly bytecode limits.</summary>
public static class BytecodeBudget
{
    /// <summary>
    /// nanoCLR 1.x's hard limit: the metadata processor stores method offsets into an
    /// assembly's bytecode table as 16-bit values and refuses an assembly whose bytecode does
    /// not fit ("Byte code table overflow", nanoByteCodeTable.GetMethodId).
    /// </summary>
    public const int RuntimeLimitBytes = ushort.MaxValue;

    /// <summary>
    /// The budget every device assembly must meet in Debug (the larger configuration): about
    /// three quarters of the hard limit, so that a few features' worth of growth, and the
    /// estimator's margin over the metadata processor's own count, never reach the limit.
    /// </summary>
    public const int DebugBudgetBytes = 48_000;
}
