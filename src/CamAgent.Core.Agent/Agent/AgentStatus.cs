namespace CamAgent.Core.Agent
{
    /// <summary>
    /// What the agent shows on the status LED (docs/officer-guide.md). When several apply, the
    /// most urgent wins, in this order: CredentialError, StorageAlarm, WaitingForTime,
    /// WaitingForNetwork, Uploading, RecordingQueued, Idle. Values are logged; never renumber.
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

        /// <summary>The configuration or the device credentials are missing or refused; nothing can be sealed or sent.</summary>
        CredentialError = 6,
    }
}
