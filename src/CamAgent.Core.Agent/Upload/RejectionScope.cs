namespace CamAgent.Core.Upload
{
    /// <summary>
    /// What a permanent refusal is about, which decides what the agent does with the refused
    /// record (docs/upload-protocol.md §7, "Who a refusal is about"). Values are logged; never renumber.
    /// </summary>
    public enum RejectionScope
    {
        /// <summary>This record only (malformed, mismatching, too large): quarantined on the card; the records after it go on.</summary>
        Record = 1,

        /// <summary>The device (revoked, credentials, a server it cannot work with): every record is kept and the credential alarm rises.</summary>
        Device = 2,

        /// <summary>The device could not read the record's content from its card: kept and tried again later.</summary>
        Local = 3,
    }
}
