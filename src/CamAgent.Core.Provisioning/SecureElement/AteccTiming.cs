namespace CamAgent.Core.SecureElement
{
    /// <summary>
    /// Times and retry bounds of the ATECC608 driver. Execution maxima are the ATECC608 data sheet's
    /// "maximum execution time" figures (as also tabulated by Microchip's CryptoAuthLib for the 608);
    /// the driver polls until then and gives up, so no call can hang (docs/secure-element.md §3).
    /// </summary>
    public static class AteccTiming
    {
        /// <summary>tWHI is 1.5 ms on the 608; waits are in whole milliseconds, so 2.</summary>
        public const int WakeHighDelayMs = 2;

        /// <summary>Interval between polls of a busy chip: 1 ms matches the chip's fastest commands.</summary>
        public const int PollIntervalMs = 1;

        /// <summary>Extra polling after the data-sheet maximum, for clock tolerance of the host's delay.</summary>
        public const int PollMarginMs = 5;

        /// <summary>Wake pulses tried before the chip is declared absent (a missed pulse is rare; three rule it out).</summary>
        public const int WakeAttempts = 3;

        /// <summary>Re-reads of a response whose CRC failed (the chip keeps it until the next command).</summary>
        public const int ResponseRereads = 2;

        /// <summary>
        /// Times a whole operation is repeated when the chip says it did NOT execute the command
        /// (0xFF: it saw a CRC error in our packet; 0x11: it had just woken; 0xEE: watchdog).
        /// </summary>
        public const int OperationAttempts = 3;

        /// <summary>The 608's watchdog puts it to sleep about 1.3 s after wake (tWATCHDOG, typical).</summary>
        public const int WatchdogMs = 1300;

        public const int ReadMaxMs = 5;
        public const int InfoMaxMs = 5;
        public const int NonceMaxMs = 20;
        public const int RandomMaxMs = 23;
        public const int CounterMaxMs = 25;
        public const int GenKeyMaxMs = 115;
        public const int SignMaxMs = 115;

        /// <summary>Data-sheet maximum execution time of <paramref name="opcode"/>; the longest known for others.</summary>
        public static int MaxExecutionMs(byte opcode)
        {
            switch (opcode)
            {
                case AteccProtocol.OpcodeRead:
                    return ReadMaxMs;
                case AteccProtocol.OpcodeInfo:
                    return InfoMaxMs;
                case AteccProtocol.OpcodeNonce:
                    return NonceMaxMs;
                case AteccProtocol.OpcodeRandom:
                    return RandomMaxMs;
                case AteccProtocol.OpcodeCounter:
                    return CounterMaxMs;
                case AteccProtocol.OpcodeGenKey:
                    return GenKeyMaxMs;
                default:
                    return SignMaxMs;
            }
        }

        /// <summary>Polls of the output buffer before a command is declared stuck.</summary>
        public static int MaxPolls(byte opcode)
        {
            return (MaxExecutionMs(opcode) + PollMarginMs) / PollIntervalMs;
        }
    }
}
