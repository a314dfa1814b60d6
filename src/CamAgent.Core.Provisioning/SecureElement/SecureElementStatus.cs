namespace CamAgent.Core.SecureElement
{
    /// <summary>
    /// Expected outcomes of a secure-element operation. Chip status codes map one to one where the
    /// chip reports one (docs/secure-element.md §3.3); the rest are the driver's own findings.
    /// </summary>
    public enum SecureElementStatus
    {
        Ok = 0,

        /// <summary>No wake response after every wake attempt: chip absent, unpowered or wrong address.</summary>
        NoResponse = 1,

        /// <summary>The chip did not finish within the data-sheet maximum execution time (plus margin).</summary>
        Busy = 2,

        /// <summary>The response failed its CRC (or framing) on every read; the result is unknown.</summary>
        CommunicationError = 3,

        /// <summary>0xFF on every attempt: the chip kept seeing corrupted command packets.</summary>
        CommandCorrupted = 4,

        /// <summary>0x01: CheckMac/Verify miscompare.</summary>
        Miscompare = 5,

        /// <summary>0x03: the chip rejected the command's parameters (wrong slot, mode, or a locked-state rule).</summary>
        ParseError = 6,

        /// <summary>0x05: an ECC computation failed (retrying is allowed by the data sheet).</summary>
        EccFault = 7,

        /// <summary>0x07: the chip's self test failed; it refuses cryptographic commands.</summary>
        SelfTestError = 8,

        /// <summary>0x08: the RNG health test failed.</summary>
        HealthTestError = 9,

        /// <summary>0x0F: the command could not run (e.g. key slot not usable, counter at its maximum).</summary>
        ExecutionError = 10,

        /// <summary>0x11 or 0xEE on every attempt: the chip kept restarting or its watchdog kept expiring.</summary>
        WatchdogExpired = 11,

        /// <summary>The configuration or data zone is not locked, so keys are not protected yet.</summary>
        NotLocked = 12,

        /// <summary>The monotonic counter is at <see cref="AteccProtocol.CounterMax"/>.</summary>
        CounterExhausted = 13,

        /// <summary>The chip answered with a length or status this driver does not expect.</summary>
        UnexpectedResponse = 14,

        /// <summary>The bus controller itself failed.</summary>
        BusError = 15,
    }
}
