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
    /// Start is retried only once the card is mounted again: each Start counts a boot on flash.
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
            while (true)
            {
                AgentStartStatus started = _card.IsMounted ? _agent.Start(_monotonic.ElapsedMs) : AgentStartStatus.StorageUnavailable;
                if (started == AgentStartStatus.Ok)
                {
                    return;
                }

                // A missing card and a corrupt chain state both show the storage alarm. A corrupt
                // chain state is a bug or tampering: nothing may be sealed and retrying cannot
                // repair it, so the device stays in that pattern for a person to examine.
                LedPattern shown = LedPattern.For(AgentStatus.StorageAlarm);
                _log.Write(LogLevel.Error, Component, "agent not started: " + started.ToString());
                long retryAtMs = _monotonic.ElapsedMs + DeviceConstants.CardRetryIntervalMs;
                while (started == AgentStartStatus.ChainStateCorrupt || _monotonic.ElapsedMs < retryAtMs)
                {
                    _led.Show(shown, _monotonic.ElapsedMs);
                    Thread.Sleep(DeviceConstants.MaxStepWaitMs);
                }

                _card.TryMount();
            }
        }

        private void RemountIfMissing(long nowMs)
        {
            if (_card.IsMounted || nowMs < _nextCardAttemptMs)
            {
                return;
            }

            _nextCardAttemptMs = nowMs + DeviceConstants.CardRetryIntervalMs;
            _card.TryMount();
        }
    }
}
