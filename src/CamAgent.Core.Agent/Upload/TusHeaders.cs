namespace CamAgent.Core.Upload
{
    /// <summary>Field names and fixed values of the upload protocol (tus 1.0.0 and docs/upload-protocol.md).</summary>
    public static class TusHeaders
    {
        /// <summary>tus 1.0.0 "Tus-Resumable": in every request and response except OPTIONS.</summary>
        public const string TusResumable = "Tus-Resumable";

        public const string ProtocolVersion = "1.0.0";

        public const string UploadOffset = "Upload-Offset";

        public const string UploadLength = "Upload-Length";

        public const string UploadMetadata = "Upload-Metadata";

        /// <summary>The Upload-Metadata key that carries the COSE_Sign1 manifest (docs/upload-protocol.md).</summary>
        public const string ManifestMetadataKey = "manifest";

        /// <summary>tus 1.0.0 PATCH: "application/offset+octet-stream".</summary>
        public const string OffsetOctetStream = "application/offset+octet-stream";

        /// <summary>Base64 COSE_Sign1 receipt on the completing PATCH and on HEAD of a finished upload.</summary>
        public const string Receipt = "CamAgent-Receipt";

        /// <summary>Machine-readable reason on every error response.</summary>
        public const string Error = "CamAgent-Error";

        /// <summary>CamAgent-Error of a 409 that is not an offset mismatch.</summary>
        public const string SequenceConflictCode = "sequence-conflict";

        /// <summary>CamAgent-Error of a 409 at creation: the manifest does not link to the server's previous record.</summary>
        public const string ChainLinkMismatchCode = "chain-link-mismatch";

        /// <summary>CamAgent-Error of a 400 for a PATCH body that ended before its Content-Length (a cut link).</summary>
        public const string BodyIncompleteCode = "body-incomplete";

        /// <summary>CamAgent-Error of a 400: the manifest is not a valid COSE_Sign1 manifest.</summary>
        public const string ManifestMalformedCode = "manifest-malformed";

        /// <summary>CamAgent-Error of a 400: the manifest's signature does not verify.</summary>
        public const string ManifestSignatureInvalidCode = "manifest-signature-invalid";

        /// <summary>CamAgent-Error of a 400: Upload-Length differs from the manifest's content length.</summary>
        public const string LengthMismatchCode = "length-mismatch";

        /// <summary>CamAgent-Error of a 413: Upload-Length above the server's Tus-Max-Size.</summary>
        public const string SegmentTooLargeCode = "segment-too-large";

        /// <summary>The creation endpoint (tus 1.0.0 Creation extension).</summary>
        public const string CreationPath = "/files/";

        public const string Location = "Location";

        public const string RetryAfter = "Retry-After";
    }
}
