namespace CamAgent.Core.Agent
{
    /// <summary>
    /// A repeating LED pattern: <see cref="Pulses"/> flashes of <see cref="OnMs"/> on and
    /// <see cref="OffMs"/> off, then <see cref="PauseMs"/> dark; a pattern with OffMs 0 is steady on,
    /// one with OnMs 0 is off. The board adapter drives the pin; Core only chooses the pattern.
    /// Chosen to be told apart at a glance in daylight and without colour (single-colour LEDs):
    /// see docs/officer-guide.md for the table officers use.
    /// </summary>
    public sealed class LedPattern
    {
        private static readonly LedPattern[] Patterns = new LedPattern[]
        {
            new LedPattern(0, 0, 0, 0),          // Idle: off (does not distract, saves power).
            new LedPattern(1, 100, 0, 2900),     // RecordingQueued: one short blink every 3 s.
            new LedPattern(1, 500, 500, 0),      // Uploading: slow even blink, 1 Hz.
            new LedPattern(2, 100, 200, 2600),   // WaitingForTime: double blink every 3 s.
            new LedPattern(3, 100, 200, 2300),   // WaitingForNetwork: triple blink every 3 s.
            new LedPattern(1, 100, 100, 0),      // StorageAlarm: fast flicker, 5 Hz.
            new LedPattern(1, 1, 0, 0),          // CredentialError: steady on.
            new LedPattern(4, 100, 200, 1800),   // RecordQuarantined: quadruple blink every 3 s.
        };

        private LedPattern(int pulses, int onMs, int offMs, int pauseMs)
        {
            Pulses = pulses;
            OnMs = onMs;
            OffMs = offMs;
            PauseMs = pauseMs;
        }

        public int Pulses { get; private set; }

        public int OnMs { get; private set; }

        public int OffMs { get; private set; }

        public int PauseMs { get; private set; }

        /// <summary>True when the LED is on for the whole pattern.</summary>
        public bool IsSteady
        {
            get { return OnMs > 0 && OffMs == 0 && PauseMs == 0; }
        }

        /// <summary>The pattern for <paramref name="status"/> (shared instances; allocates nothing).</summary>
        public static LedPattern For(AgentStatus status)
        {
            int index = (int)status;
            if (index < 0 || index >= Patterns.Length)
            {
                throw new System.ArgumentOutOfRangeException("status");
            }

            return Patterns[index];
        }

        /// <summary>Whether the LED is lit <paramref name="elapsedMs"/> into the pattern's cycle.</summary>
        public bool IsLit(long elapsedMs)
        {
            if (OnMs == 0)
            {
                return false;
            }

            if (IsSteady)
            {
                return true;
            }

            long cycle = (long)Pulses * (OnMs + OffMs) + PauseMs;
            long position = elapsedMs % cycle;
            if (position >= (long)Pulses * (OnMs + OffMs))
            {
                return false;
            }

            return position % (OnMs + OffMs) < OnMs;
        }
    }
}
