using System.Threading;
using CamAgent.Core.Agent;
using CamAgent.Device.Adapters;

namespace CamAgent.Device.Boot
{
    /// <summary>
    /// Drives Core's agent loop on the main thread: Start once, then Step with the monotonic time,
    /// waiting as long as the loop allows but never longer than the LED pattern's resolution.
    /// The wait is the loop's own answer, not a pacing guess. Remounts the SD card when it was
    /// found missing (the file store then reports DeviceRemoved and the agent keeps its state).
    /// </summary>
    public sealed class AgentThread
    {
        private readonly AgentLoop _agent;
        private readonly SdCardVolume _card;
        private readonly StatusLed _led;
        private readonly TickCountClock _monotonic;
        private long _nextCardAttemptMs;

        public AgentThread(AgentLoop agent, SdCardVolume card, StatusLed led, TickCountClock monotonic)
        {
            _agent = agent;
            _card = card;
            _led = led;
            _monotonic = monotonic;
        }

        public void Run()
        {
            _agent.Start(_monotonic.ElapsedMs);
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
