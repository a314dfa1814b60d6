namespace CamAgent.DeviceBuild.Projects;

/// <summary>A device project or solution that cannot be read as the nanoFramework project system would.</summary>
public sealed class NfProjectException : Exception
{
    public NfProjectException(string message)
        : base(message)
    {
    }
}
