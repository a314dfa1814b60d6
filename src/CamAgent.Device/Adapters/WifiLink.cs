using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using CamAgent.Core.Platform;
using nanoFramework.Networking;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// The Wi-Fi station link (<see cref="INetworkLink"/>) with the credentials of the validated
    /// configuration. <see cref="Connect"/> joins with DHCP and asks the firmware to reconnect by
    /// itself afterwards (WifiReconnectionKind.Automatic), so the agent never spins on the radio;
    /// <see cref="IsUp"/> asks the IP stack whether an address is configured.
    /// The password is held only to hand it to the firmware and never logged.
    /// </summary>
    public sealed class WifiLink : INetworkLink
    {
        private const string Component = "wifi";
        private const int FirstAdapter = 0;

        private readonly string _ssid;
        private readonly string _password;
        private readonly ILogSink _log;

        public WifiLink(string ssid, string password, ILogSink log)
        {
            if (ssid == null || ssid.Length == 0)
            {
                throw new ArgumentNullException("ssid");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _ssid = ssid;
            _password = password == null ? string.Empty : password;
            _log = log;
        }

        public bool IsUp
        {
            get { return NetworkInterface.GetIsNetworkAvailable(); }
        }

        /// <summary>
        /// Joins the network, waiting at most <paramref name="timeoutMs"/>. Returns false on
        /// failure (wrong password, no access point in range); the caller retries later.
        /// Does not ask for a valid date: the agent's time model decides about time (docs/agent.md §1).
        /// </summary>
        public bool Connect(int timeoutMs)
        {
            if (timeoutMs <= 0)
            {
                throw new ArgumentOutOfRangeException("timeoutMs");
            }

            using (CancellationTokenSource timeout = new CancellationTokenSource(timeoutMs))
            {
                bool connected = WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, false, FirstAdapter, timeout.Token);
                if (!connected)
                {
                    _log.Write(LogLevel.Warning, Component, "could not join '" + _ssid + "': " + WifiNetworkHelper.Status.ToString());
                }

                return connected;
            }
        }
    }
}
