namespace CamAgent.Core.Agent
{
    /// <summary>What one call to <see cref="UploadStage.Advance"/> achieved.</summary>
    public enum UploadOutcome
    {
        /// <summary>Nothing waits to be uploaded.</summary>
        Idle = 0,

        /// <summary>Work was done (a request, a receipt committed, a record deleted); call again soon.</summary>
        Progress = 1,

        /// <summary>A back-off is in force until <see cref="UploadStage.NextAttemptMs"/>.</summary>
        BackingOff = 2,
    }
}
