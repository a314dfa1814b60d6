using System;
using CamAgent.Core.Platform;
using CamAgent.Device.Network;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// nanoFramework's SNTP client (<see cref="ITimeClient"/>), the only writer of the system clock.
    /// nanoFramework gives no "synchronised" event and UpdateNow only restarts the client, so this
    /// adapter never reports a sync itself: Core's ClockMonitor infers it from the clock stepping onto
    /// a time at or above the floor, and judges the step (docs/agent.md §1). Which server it asks is
    /// decided by <see cref="TimeSourcePinning"/>: the agency, re-pinned on every address change,
    /// because the ESP32 firmware resets the servers to the public pool each time.
    /// Because a sync is only visible as a step, the clock must start each boot where a sync
    /// cannot leave it: <see cref="HoldClockBelowFloor"/> (docs/agent.md §1, "Boot after a soft reset").
    /// </summary>
    public sealed class SntpTimeSync : ITimeClient
    {
        private const string Component = "sntp";

        private readonly ILogSink _log;

        public SntpTimeSync(ILogSink log)
        {
            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _log = log;
        }

        public bool IsStarted
        {
            get { return Sntp.IsStarted; }
        }

        public string Server1
        {
            get { return Sntp.Server1; }
        }

        public string Server2
        {
            get { return Sntp.Server2; }
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
            Stop();
            bool set = Rtc.SetSystemTime(new DateTime(DeviceConstants.ClockHoldYear, 1, 1));
            _log.Write(set ? LogLevel.Info : LogLevel.Error, Component, set ? "clock held below the time floor until SNTP sets it" : "the platform refused to set the clock");
            return set;
        }

        public void SetServers(string server)
        {
            Sntp.Server1 = server;
            Sntp.Server2 = server;
        }

        public void Start()
        {
            if (!Sntp.IsStarted)
            {
                Sntp.Start();
            }
        }

        public void Stop()
        {
            if (Sntp.IsStarted)
            {
                Sntp.Stop();
            }
        }
    }
}
