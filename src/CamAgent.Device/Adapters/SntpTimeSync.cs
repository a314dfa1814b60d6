using System;
using CamAgent.Core.Platform;
using nanoFramework.Networking;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// Runs nanoFramework's SNTP client, which is the only writer of the system clock.
    /// nanoFramework gives no "synchronised" event and UpdateNow only restarts the client, so
    /// this adapter never reports a sync itself: Core's ClockMonitor infers it from the clock
    /// stepping onto a time at or above the floor (docs/agent.md §1, "Sync inference").
    /// The servers are the agency host (the configuration has no separate time server: the
    /// agency answers SNTP on its own host, so the camera talks to no third party).
    /// </summary>
    public sealed class SntpTimeSync
    {
        private const string Component = "sntp";

        private readonly string _server;
        private readonly ILogSink _log;

        public SntpTimeSync(string server, ILogSink log)
        {
            if (server == null || server.Length == 0)
            {
                throw new ArgumentNullException("server");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _server = server;
            _log = log;
        }

        /// <summary>Points the client at the server and starts it; call once the link is up.</summary>
        public void Start()
        {
            Sntp.Server1 = _server;
            Sntp.Server2 = _server;
            if (!Sntp.IsStarted)
            {
                Sntp.Start();
            }

            _log.Write(LogLevel.Info, Component, "SNTP client started against " + _server);
        }

        /// <summary>Asks for an immediate request (after the link came back); the result shows as a clock step.</summary>
        public void RequestUpdate()
        {
            if (Sntp.IsStarted)
            {
                Sntp.UpdateNow();
            }
        }
    }
}
