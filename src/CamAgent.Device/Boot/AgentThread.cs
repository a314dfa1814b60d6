using System.Threading;
using CamAgent.Core.Agent;
using CamAgent.Core.Platform;
using CamAgent.Device.Adapters;

namespace CamAgent.Device.Boot
{
    /// <summary>
    /// Drives Core's agent loop on the main thread: Start once, then Step with the monotonic time,
    /// waiting as long as the loop allows but never longer than the LED pattern's resolution.
    /// The wait is the loop's own answer, not a pacing guess. Remounts the SD card when it was
    /// found missing (the file store then reports DeviceRemoved and the agent keeps its state).
    /// Start is retry-safe (it keeps this boot's number and repeats only the steps that failed), so
    /// it is simply called again while it reports a status to wait on; the first call waits for a
    /// mounted card, because the recorder hand-off is declared in it (docs/agent.md §6).
    /// </summary>
    public sealed class AgentThread
    {
        private readonly AgentLoop _agent;
        private readonly SdCardVolume _card;
        private readonly StatusLed _led;
        private const string Component = "agent";

        private readonly TickCountClock _monotonic;
        private readonly ILogSink _log;
        private long _nextCardAttemptMs;

        public AgentThread(AgentLoop agent, SdCardVolume card, StatusLed led, TickCountClock monotonic, ILogSink log)
        {
            _agent = agent;
            _card = card;
            _led = led;
            _monotonic = monotonic;
            _log = log;
        }

        /// <summary>
        /// Runs forever. <paramref name="configChanged"/>: this boot applied a new configuration,
        /// recorded in the chain. <paramref name="network"/> is started on its own thread only once
        /// the agent has started (taken its first clock sample), so SNTP cannot set the clock unseen.
        /// </summary>
        public void Run(bool configChanged, NetworkThread network)
        {
            StartWhenStorageIsReady();
            new Thread(network.Run).Start();
            if (configChanged)
            {
                _agent.NotifyConfigChanged();
            }

            while (true)
            {
                long nowMs = _monotonic.ElapsedMs;
                RemountIfMissing(nowMs);
                int waitMs = _agent.Step(nowMs);
                _led.Show(LedPattern.For(_agent.Status), _monotonic.ElapsedMs);
                if (waitMs > 0)
                {
                    Thread.Sleep(waitMs < DeviceConstants.MaxStepWaitMs ? waitMs : DeviceConstants.MaxStepWaitMs);
                }
            }
        }

        private void StartWhenStorageIsReady()
        {
            while (!_card.IsMounted && !_card.TryMount())
            {
                Wait(LedPattern.For(AgentStatus.StorageAlarm), DeviceConstants.CardRetryIntervalMs);
            }

            AgentStartStatus started;
            AgentStartStatus logged = AgentStartStatus.Ok;
            while ((started = _agent.Start(_monotonic.ElapsedMs)) != AgentStartStatus.Ok)
            {
                if (started != logged)
                {
                    _log.Write(LogLevel.Error, Component, "agent not started: " + started.ToString());
                    logged = started;
                }

                // Both storage statuses are retried: a failing internal flash shows the steady
                // light that sends the camera to agency IT, the card the storage alarm. A corrupt
                // chain state is a bug or tampering: nothing may be sealed and retrying cannot
                // repair it, so the device stays in that pattern for a person.
                LedPattern shown = LedPattern.For(started == AgentStartStatus.FlashUnavailable ? AgentStatus.CredentialError : AgentStatus.StorageAlarm);
                do
                {
                    Wait(shown, DeviceConstants.CardRetryIntervalMs);
                }
                while (started == AgentStartStatus.ChainStateCorrupt);

                if (!_card.IsMounted)
                {
                    _ = _card.TryMount(); // Start reports the card again if the mount failed.
                }
            }
        }

        /// <summary>Shows <paramref name="pattern"/> for <paramref name="durationMs"/>.</summary>
        private void Wait(LedPattern pattern, int durationMs)
        {
            long untilMs = _monotonic.ElapsedMs + durationMs;
            while (_monotonic.ElapsedMs < untilMs)
            {
                _led.Show(pattern, _monotonic.ElapsedMs);
                Thread.Sleep(DeviceConstants.MaxStepWaitMs);
            }
        }

        private void RemountIfMissing(long nowMs)
        {
            if (_card.IsMounted || nowMs < _nextCardAttemptMs)
            {
                return;
            }

            _nextCardAttemptMs = nowMs + DeviceConstants.CardRetryIntervalMs;
            _ = _card.TryMount(); // A failed mount is tried again after CardRetryIntervalMs.
        }
    }
}
