namespace CamAgent.Core.Agent
{
    /// <summary>
    /// What the agent shows on the status LED (docs/officer-guide.md). When several apply, the
    /// most urgent wins, in this order: CredentialError, StorageAlarm, RecordQuarantined,
    /// WaitingForTime, WaitingForNetwork, Uploading, RecordingQueued, Idle. Values are logged; never renumber.
    /// </summary>
    public enum AgentStatus
    {
        /// <summary>Nothing to upload; everything recorded has a receipt.</summary>
        Idle = 0,

        /// <summary>Sealed records are waiting and the agent is about to send them (or sealing is in progress).</summary>
        RecordingQueued = 1,

        /// <summary>Sending to the agency server.</summary>
        Uploading = 2,

        /// <summary>Records wait because the clock cannot be trusted yet (no time sync since boot, or below the time floor).</summary>
        WaitingForTime = 3,

        /// <summary>Records wait for Wi-Fi or for the server (backing off after failures).</summary>
        WaitingForNetwork = 4,

        /// <summary>Storage is nearly full: recording must stop until uploads free space. Nothing is deleted without a receipt.</summary>
        StorageAlarm = 5,

        /// <summary>
        /// The configuration or the device credentials are missing or refused, or the server refused
        /// the device itself (revoked, certificate not accepted); nothing can be sent. Every record is kept.
        /// </summary>
        CredentialError = 6,

        /// <summary>
        /// A record the server refused is quarantined on the card, kept for agency IT
        /// (docs/agency-it-guide.md); recording, sealing and uploading go on. Shown until the
        /// quarantined records are taken off the card.
        /// </summary>
        RecordQuarantined = 7,
    }
}
