namespace CamAgent.Core.Agent
{
    /// <summary>
    /// Outcome of <see cref="AgentLoop.Start"/>. Every value but Ok and ChainStateCorrupt means
    /// "call Start again later": a retried Start repeats only the boot steps that have not
    /// succeeded yet and keeps this boot's number. Recording is never affected.
    /// </summary>
    public enum AgentStartStatus
    {
        /// <summary>Recovered and ready; <see cref="AgentLoop.Step"/> may be called.</summary>
        Ok = 0,

        /// <summary>The spool could not be recovered (card missing or failing); call Start again later.</summary>
        StorageUnavailable = 1,

        /// <summary>The persisted chain state is unreadable: a bug or tampering; nothing is sealed.</summary>
        ChainStateCorrupt = 2,

        /// <summary>
        /// The small records on internal flash (time floor, boot counter) could not be read or the
        /// boot could not be counted durably; nothing is sealed without a boot number that no other
        /// boot can share. Call Start again later.
        /// </summary>
        FlashUnavailable = 3,
    }
}
