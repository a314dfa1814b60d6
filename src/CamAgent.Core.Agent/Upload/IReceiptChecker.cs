namespace CamAgent.Core.Upload
{
    /// <summary>
    /// Decides whether a receipt returned by the ingest server proves that the server holds
    /// exactly this record: fields match the job and the signature verifies against the receipt
    /// key pinned in the device configuration (docs/evidence-format.md §6).
    /// </summary>
    public interface IReceiptChecker
    {
        /// <summary>Checks receipt[offset..offset+count). The buffer belongs to the caller and is only read.</summary>
        ReceiptCheckStatus Check(UploadJob job, byte[] receipt, int offset, int count);
    }
}
