namespace CamAgent.Core.Upload
{
    /// <summary>
    /// Values of the CamAgent-Error response field (docs/upload-protocol.md §8) and of the audit
    /// log's "code" field (docs/ingest-server.md §7). Stable: devices and scripts match on them. The
    /// one list: the ingest server writes them, the device's client reads them.
    /// </summary>
    public static class ErrorCodes
    {
        public const string TusVersionUnsupported = "tus-version-unsupported";

        public const string UnknownUpload = "unknown-upload";

        public const string UploadGone = "upload-gone";

        public const string NotYourUpload = "not-your-upload";

        public const string DeviceRevoked = "device-revoked";

        public const string RevocationListUnusable = "revocation-list-unusable";

        public const string InvalidUploadOffset = "invalid-upload-offset";

        public const string InvalidUploadLength = "invalid-upload-length";

        public const string DeferLengthUnsupported = "upload-defer-length-unsupported";

        public const string InvalidMetadata = "invalid-metadata";

        public const string ManifestMissing = "manifest-missing";

        public const string ManifestMalformed = "manifest-malformed";

        public const string ManifestSignatureInvalid = "manifest-signature-invalid";

        public const string ManifestCertificateMismatch = "manifest-certificate-mismatch";

        public const string ManifestCertificateRejected = "manifest-certificate-rejected";

        public const string DeviceIdMismatch = "device-id-mismatch";

        public const string LengthMismatch = "length-mismatch";

        public const string SegmentTooLarge = "segment-too-large";

        public const string BodyTooLarge = "body-too-large";

        public const string BodyNotAllowed = "body-not-allowed";

        public const string LengthExceeded = "length-exceeded";

        public const string ContentLengthRequired = "content-length-required";

        public const string UnsupportedContentType = "unsupported-content-type";

        public const string OffsetMismatch = "offset-mismatch";

        public const string SequenceConflict = "sequence-conflict";

        public const string ChainLinkMismatch = "chain-link-mismatch";

        public const string TooManyOpenUploads = "too-many-open-uploads";

        public const string UploadLocked = "upload-locked";

        public const string BodyIncomplete = "body-incomplete";

        public const string ContentDigestMismatch = "content-digest-mismatch";

        public const string StorageUnavailable = "storage-unavailable";

        public const string RecordStored = "record-stored";

        public const string MethodNotAllowed = "method-not-allowed";

        public const string NotFound = "not-found";

        public const string MalformedRequest = "malformed-request";

        public const string ClientCertificateMissing = "client-certificate-missing";

        public const string CertificateUntrusted = "certificate-untrusted";

        public const string CertificateExpired = "certificate-expired";

        public const string CertificateNotYetValid = "certificate-not-yet-valid";

        public const string CertificateWrongUsage = "certificate-wrong-usage";

        public const string DeviceIdInvalid = "device-id-invalid";
    }
}
