namespace CamAgent.Core.Agent
{
    /// <summary>What one call to <see cref="SealStage.SealNext"/> achieved.</summary>
    public enum SealOutcome
    {
        /// <summary>Nothing was waiting to be sealed.</summary>
        Idle = 0,

        /// <summary>One record was sealed and committed to the spool.</summary>
        Sealed = 1,

        /// <summary>Sealing could not proceed now (spool full, storage full or failing, segment unreadable); nothing was lost; try again later.</summary>
        Blocked = 2,

        /// <summary>The signer failed or refused: the credentials need attention.</summary>
        SignerFailed = 3,
    }
}
