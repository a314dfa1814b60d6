using System;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Network
{
    /// <summary>
    /// Keeps the camera's SNTP client on the agency's time server only (docs/agent.md §2, "What leaves
    /// the camera"). nanoFramework's ESP32 firmware resets the SNTP servers to 0.pool.ntp.org and
    /// 1.pool.ntp.org and restarts the client every time an interface gets an address, in native code
    /// right after it posts the address-changed event to managed code. So on every address change this
    /// stops the client, points both servers at the agency and only then starts it again; while the link
    /// has no address the client stays stopped. <see cref="Check"/>, called a few times a second by the
    /// network thread, catches a reset the event handler ran ahead of, well inside the firmware's
    /// two-second delay before a restarted client sends its first request. Thread-safe: events come from
    /// the firmware's event thread, checks from the network thread.
    /// </summary>
    public sealed class TimeSourcePinning
    {
        private const string Component = "sntp";

        private readonly ITimeClient _client;
        private readonly INetworkChangeSource _network;
        private readonly string _server;
        private readonly ILogSink _log;
        private readonly object _gate = new object();
        private readonly string _pinnedMessage;
        private readonly string _resetMessage;

        /// <param name="server">The agency's time server: agency.address when configured (no DNS), else agency.host.</param>
        public TimeSourcePinning(ITimeClient client, INetworkChangeSource network, string server, ILogSink log)
        {
            if (client == null)
            {
                throw new ArgumentNullException("client");
            }

            if (network == null)
            {
                throw new ArgumentNullException("network");
            }

            if (server == null || server.Length == 0)
            {
                throw new ArgumentException("server");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _client = client;
            _network = network;
            _server = server;
            _log = log;
            _pinnedMessage = "time from " + server + " only";
            _resetMessage = "the firmware reset the SNTP servers; pinned " + server + " again";
        }

        /// <summary>Times the servers were (re)pinned and the client started.</summary>
        public int PinCount { get; private set; }

        /// <summary>Times a firmware reset was caught by <see cref="Check"/> rather than by an event.</summary>
        public int ResetsCaught { get; private set; }

        /// <summary>Subscribes to the network's changes and applies the current state. Call once, before the first join.</summary>
        public void Attach()
        {
            _network.AddressChanged += OnNetworkChanged;
            _network.AvailabilityChanged += OnNetworkChanged;
            OnNetworkChanged();
        }

        /// <summary>
        /// Re-pins if the firmware changed the servers behind our back, and stops the client if the
        /// link lost its address. Cheap: two string comparisons when nothing changed.
        /// </summary>
        public void Check()
        {
            lock (_gate)
            {
                if (!_network.HasAddress)
                {
                    StopClient();
                }
                else if (!IsPinned())
                {
                    ResetsCaught++;
                    _log.Write(LogLevel.Warning, Component, _resetMessage);
                    Pin();
                }
                else if (!_client.IsStarted)
                {
                    Pin();
                }
            }
        }

        private void OnNetworkChanged()
        {
            lock (_gate)
            {
                if (_network.HasAddress)
                {
                    Pin();
                }
                else
                {
                    StopClient();
                }
            }
        }

        // Stop first: the firmware has just started the client against the pool servers.
        private void Pin()
        {
            StopClient();
            _client.SetServers(_server);
            _client.Start();
            PinCount++;
            _log.Write(LogLevel.Info, Component, _pinnedMessage);
        }

        private void StopClient()
        {
            if (_client.IsStarted)
            {
                _client.Stop();
            }
        }

        private bool IsPinned()
        {
            return _client.Server1 == _server && _client.Server2 == _server;
        }
    }
}
