namespace CamAgent.Core.Agent
{
    /// <summary>Outcome of <see cref="AgentLoop.Start"/>.</summary>
    public enum AgentStartStatus
    {
        /// <summary>Recovered and ready; <see cref="AgentLoop.Step"/> may be called.</summary>
        Ok = 0,

        /// <summary>The spool could not be recovered (card missing or failing); call Start again later. Recording is unaffected.</summary>
        StorageUnavailable = 1,

        /// <summary>The persisted chain state is unreadable: a bug or tampering; nothing is sealed.</summary>
        ChainStateCorrupt = 2,
    }
}
