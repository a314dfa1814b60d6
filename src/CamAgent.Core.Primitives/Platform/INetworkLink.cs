namespace CamAgent.Core.Platform
{
    /// <summary>
    /// Whether the device has a network link (device: Wi-Fi associated and an IP address
    /// obtained). The agent does not dial while it is down, so an outage costs no radio time.
    /// </summary>
    public interface INetworkLink
    {
        bool IsUp { get; }
    }
}
