namespace CamAgent.Cli.Provisioning;

/// <summary>The device refused a provisioning request or answered something that is not the protocol.</summary>
public sealed class ProvisioningException : Exception
{
    public ProvisioningException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The device's error code (e.g. "key-mismatch", "chip-NotLocked"), or "protocol" for a garbled reply.</summary>
    public string Code { get; }
}
