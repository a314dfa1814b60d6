namespace CamAgent.DeviceBuild;

/// <summary>The real nanoFramework mscorlib.dll is not where NuGet puts it.</summary>
public sealed class CoreLibraryMissingException : Exception
{
    public CoreLibraryMissingException(string message)
        : base(message)
    {
    }
}
