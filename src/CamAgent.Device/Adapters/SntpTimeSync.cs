using System;
using CamAgent.Core.Platform;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// Runs nanoFramework's SNTP client, which is the only writer of the system clock.
    /// nanoFramework gives no "synchronised" event and UpdateNow only restarts the client, so
    /// this adapter never reports a sync itself: Core's ClockMonitor infers it from the clock
    /// stepping onto a time at or above the floor (docs/agent.md §1, "Sync inference").
    /// The servers are the agency host (the configuration has no separate time server: the
    /// agency answers SNTP on its own host, so the camera talks to no third party).
    /// Because a sync is only visible as a step, the clock must start each boot where a sync
    /// cannot leave it: <see cref="HoldClockBelowFloor"/> (docs/agent.md §1, "Boot after a soft reset").
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

        /// <summary>
        /// Stops SNTP and sets the system clock below the time floor. Call once at boot, before the
        /// agent's first clock sample and before SNTP can run: the ESP32 RTC keeps its time across a
        /// soft reset, and a clock that is already right would never show the step from which the
        /// agent infers a sync, so it would never trust the clock, never upload, and never receive
        /// the receipt that could raise its floor. From below the floor, the next SNTP update is a
        /// step onto a plausible time: an observable sync. Returns false when the platform refused
        /// to set the clock (logged; the agent then relies on the clock as it is).
        /// </summary>
        public bool HoldClockBelowFloor()
        {
            if (Sntp.IsStarted)
            {
                Sntp.Stop();
            }

            bool set = Rtc.SetSystemTime(new DateTime(DeviceConstants.ClockHoldYear, 1, 1));
            _log.Write(set ? LogLevel.Info : LogLevel.Error, Component, set ? "clock held below the time floor until SNTP sets it" : "the platform refused to set the clock");
            return set;
        }

        /// <summary>Points the client at the server and starts it; call once the link is up and the agent has started.</summary>
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
