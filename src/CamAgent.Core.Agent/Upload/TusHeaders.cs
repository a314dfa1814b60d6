namespace CamAgent.Core.Upload
{
    /// <summary>
    /// Field names and fixed values of the upload protocol (tus 1.0.0 and docs/upload-protocol.md),
    /// for both ends: the device's client and the agency's ingest server use these constants.
    /// </summary>
    public static class TusHeaders
    {
        /// <summary>tus 1.0.0 "Tus-Resumable": in every request and response except OPTIONS.</summary>
        public const string TusResumable = "Tus-Resumable";

        /// <summary>The only protocol version spoken (tus 1.0.0 §2.2).</summary>
        public const string ProtocolVersion = "1.0.0";

        /// <summary>tus 1.0.0 OPTIONS response fields.</summary>
        public const string TusVersion = "Tus-Version";

        public const string TusExtension = "Tus-Extension";

        public const string TusMaxSize = "Tus-Max-Size";

        /// <summary>Extensions the ingest server serves (tus 1.0.0 §2.3 Tus-Extension).</summary>
        public const string Extensions = "creation,termination,expiration";

        public const string UploadOffset = "Upload-Offset";

        public const string UploadLength = "Upload-Length";

        public const string UploadMetadata = "Upload-Metadata";

        /// <summary>tus 1.0.0 Creation: deferred length, which CamAgent does not allow.</summary>
        public const string UploadDeferLength = "Upload-Defer-Length";

        /// <summary>tus 1.0.0 Expiration.</summary>
        public const string UploadExpires = "Upload-Expires";

        /// <summary>The Upload-Metadata key that carries the COSE_Sign1 manifest (docs/upload-protocol.md).</summary>
        public const string ManifestMetadataKey = "manifest";

        /// <summary>tus 1.0.0 PATCH: "application/offset+octet-stream".</summary>
        public const string OffsetOctetStream = "application/offset+octet-stream";

        /// <summary>Base64 COSE_Sign1 receipt on the completing PATCH and on HEAD of a finished upload.</summary>
        public const string Receipt = "CamAgent-Receipt";

        /// <summary>Machine-readable reason on every error response (values: <see cref="ErrorCodes"/>).</summary>
        public const string Error = "CamAgent-Error";

        /// <summary>The creation endpoint (tus 1.0.0 Creation extension).</summary>
        public const string CreationPath = "/files/";

        public const string Location = "Location";

        public const string RetryAfter = "Retry-After";
    }
}
