namespace CamAgent.Core.Evidence
{
    /// <summary>
    /// Continuity events (docs/evidence-format.md §5 says what a verifier concludes from each).
    /// Values are part of the format; never renumber.
    /// </summary>
    public enum ContinuityEvent
    {
        /// <summary>Not a continuity record (segments carry this).</summary>
        None = 0,

        /// <summary>The officer started recording; a new recording id begins.</summary>
        RecordingStart = 1,

        /// <summary>The officer stopped recording; the recording is complete.</summary>
        RecordingStop = 2,

        /// <summary>
        /// The device restarted after losing power; an open recording ended without a stop.
        /// EventDetail counts the sequence numbers skipped right before this record (commits cut by the power loss).
        /// </summary>
        PowerLossRecovery = 3,

        /// <summary>Recording was halted because storage was full; the recording ends here.</summary>
        StorageFull = 4,

        /// <summary>The wall clock stepped by EventDetail milliseconds (signed).</summary>
        ClockStep = 5,

        /// <summary>A new configuration was applied.</summary>
        ConfigChange = 6,

        /// <summary>
        /// The device quarantined the record whose sequence number is EventDetail (an earlier
        /// one) after the server refused it permanently: it is kept on the device's card, never
        /// deleted, and will not be uploaded (docs/evidence-format.md §5.3).
        /// </summary>
        RecordQuarantined = 7,
    }
}
