using System;
using System.Net.NetworkInformation;
using CamAgent.Device.Network;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// The firmware's network events (<see cref="INetworkChangeSource"/>): NetworkChange.NetworkAddressChanged,
    /// posted by the ESP32 firmware on every IP_EVENT_STA_GOT_IP and IP_EVENT_STA_LOST_IP, and
    /// NetworkAvailabilityChanged on link up and down. They are the earliest managed hook after an
    /// address change; the firmware restarts SNTP against the public pool right after posting them.
    /// </summary>
    public sealed class NetworkChangeEvents : INetworkChangeSource
    {
        private readonly WifiLink _link;

        public NetworkChangeEvents(WifiLink link)
        {
            if (link == null)
            {
                throw new ArgumentNullException("link");
            }

            _link = link;
            NetworkChange.NetworkAddressChanged += OnAddressChanged;
            NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
        }

        public event NetworkChangedHandler AddressChanged;

        public event NetworkChangedHandler AvailabilityChanged;

        public bool HasAddress
        {
            get { return _link.IsUp; }
        }

        private void OnAddressChanged(object sender, EventArgs e)
        {
            NetworkChangedHandler handler = AddressChanged;
            if (handler != null)
            {
                handler();
            }
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            NetworkChangedHandler handler = AvailabilityChanged;
            if (handler != null)
            {
                handler();
            }
        }
    }
}
