namespace CamAgent.Core.Spool
{
    /// <summary>
    /// Where a live record is in its life: recorded (a file in the recorder's directory, not yet
    /// in the spool) → <see cref="Sealed"/> → <see cref="Uploading"/> → <see cref="Receipted"/>
    /// → deleted (gone from the spool).
    /// </summary>
    public enum RecordState
    {
        /// <summary>Manifest committed; not uploaded yet.</summary>
        Sealed = 1,

        /// <summary>Upload under way; <see cref="SpoolEntry.UploadOffsetBytes"/> is the last acknowledged offset (advisory: the server's HEAD wins).</summary>
        Uploading = 2,

        /// <summary>A verified receipt is committed; the record may be deleted.</summary>
        Receipted = 3,

        /// <summary>Sealed but its content file vanished before a receipt (the medium was altered): it cannot be uploaded.</summary>
        ContentMissing = 4,
    }
}
