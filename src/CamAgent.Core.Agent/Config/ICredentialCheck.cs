namespace CamAgent.Core.Config
{
    /// <summary>
    /// Checks that the device key in (or behind) a candidate configuration belongs to its
    /// certificate: the software key's public point, or the secure element's, must equal
    /// <see cref="DeviceConfig.DevicePublicKey"/>. Called by <see cref="ConfigValidator"/> after
    /// every other check passed. Returns <see cref="ConfigError.None"/>,
    /// <see cref="ConfigError.CredentialMismatch"/> or <see cref="ConfigError.DeviceKeyInvalid"/>.
    /// </summary>
    public interface ICredentialCheck
    {
        ConfigError Check(DeviceConfig candidate);
    }
}
