namespace CamAgent.Core.Upload
{
    /// <summary>What the caller of <see cref="TusClient.Step"/> should do next.</summary>
    public enum UploadStatus
    {
        /// <summary>Progress was made; call Step again (no need to wait).</summary>
        InProgress = 0,

        /// <summary>A transient failure; call Step again after <see cref="TusClient.RetryDelayMs"/>. <see cref="TusClient.Failure"/> says why.</summary>
        RetryLater = 1,

        /// <summary>The server stored the record and returned a receipt that passed the receipt check; the record may be deleted.</summary>
        Completed = 2,

        /// <summary>Permanent for this record: retrying the same request cannot succeed. <see cref="TusClient.Failure"/> says why. Keep the record.</summary>
        Rejected = 3,
    }
}
