namespace CamAgent.DeviceBuild;

/// <summary>The tool's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Every device assembly compiled and is within the budget.</summary>
    public const int Success = 0;

    /// <summary>A compile error, or an assembly over the budget.</summary>
    public const int BuildFailed = 1;

    /// <summary>Bad arguments, or the build could not start (no mscorlib, no solution, a broken shape list).</summary>
    public const int Usage = 2;
}
