namespace CamAgent.Core.Upload
{
    /// <summary>
    /// Tells record-specific refusals from device-wide ones (docs/upload-protocol.md §7, "Who a
    /// refusal is about"). A refusal is about the record only when the server names something in
    /// that record's own bytes: its manifest does not decode or verify, its length or content does
    /// not match its manifest, it is larger than the server accepts, or its sequence number or
    /// chain link collides with what the server already holds. Everything else, and every code
    /// this firmware does not know, is about the device: quarantining then would move record after
    /// record off the queue for a fault no record has.
    /// </summary>
    public static class RejectionRules
    {
        /// <summary>The scope of a refusal the upload client reported (<see cref="TusClient.Failure"/>, <see cref="TusClient.LastErrorCode"/>).</summary>
        public static RejectionScope ScopeOf(UploadFailure failure, string errorCode)
        {
            switch (failure)
            {
                case UploadFailure.ContentDigestMismatch:
                case UploadFailure.SequenceConflict:
                case UploadFailure.ChainLinkMismatch:
                case UploadFailure.LengthMismatch:
                case UploadFailure.ManifestTooLarge:
                    return RejectionScope.Record;
                case UploadFailure.BadRequest:
                    return IsRecordFault(errorCode) ? RejectionScope.Record : RejectionScope.Device;
                case UploadFailure.TooLarge:
                    // 413 body-too-large is about the PATCH the device sends, not the record.
                    return errorCode == ErrorCodes.SegmentTooLarge ? RejectionScope.Record : RejectionScope.Device;
                case UploadFailure.ContentUnreadable:
                    return RejectionScope.Local;
                default:
                    return RejectionScope.Device;
            }
        }

        /// <summary>400 codes that name the record's own manifest (docs/upload-protocol.md §8); the others name the request.</summary>
        private static bool IsRecordFault(string errorCode)
        {
            return errorCode == ErrorCodes.ManifestMalformed
                || errorCode == ErrorCodes.ManifestSignatureInvalid
                || errorCode == ErrorCodes.LengthMismatch;
        }
    }
}
