namespace CamAgent.Core.SecureElement
{
    /// <summary>Outcomes of <see cref="SequenceAnchor"/> (docs/secure-element.md §7).</summary>
    public enum AnchorStatus
    {
        /// <summary>The sequence number is covered by the chip's counter; sealing may proceed.</summary>
        Ok = 0,

        /// <summary>
        /// The persisted next sequence is older than the chip's counter allows: the flash was restored
        /// from an earlier image. Sealing must stop until the agency has looked at the device.
        /// </summary>
        RolledBack = 1,

        /// <summary>
        /// The persisted state claims more than the chip's counter ever granted, or the counter is
        /// below the persisted base: the flash and the chip do not belong together.
        /// </summary>
        ChipMismatch = 2,

        /// <summary>The chip's counter reached its maximum; no new sequence numbers can be anchored.</summary>
        CounterExhausted = 3,

        /// <summary>The chip did not answer usefully; <see cref="SequenceAnchor.LastDeviceStatus"/> says why. Retry later.</summary>
        DeviceError = 4,
    }
}
