namespace CamAgent.Device.Network
{
    /// <summary>
    /// Where the network's changes come from (device: System.Net.NetworkInformation.NetworkChange, whose
    /// events the ESP32 firmware posts on every new or lost address and on link up and down).
    /// Events may arrive on any thread.
    /// </summary>
    public interface INetworkChangeSource
    {
        /// <summary>An interface gained or lost an address.</summary>
        event NetworkChangedHandler AddressChanged;

        /// <summary>The link went up or down.</summary>
        event NetworkChangedHandler AvailabilityChanged;

        /// <summary>True when the link is up with an IPv4 address (read at the moment of asking).</summary>
        bool HasAddress { get; }
    }
}
