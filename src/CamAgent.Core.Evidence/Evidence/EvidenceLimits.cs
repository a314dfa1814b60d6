namespace CamAgent.Core.Evidence
{
    /// <summary>Format limits (docs/evidence-format.md §2), shared by the device, the server and the verifier.</summary>
    public static class EvidenceLimits
    {
        /// <summary>Manifest and receipt format version written by this code.</summary>
        public const int FormatVersion = 1;

        /// <summary>Device ids are certificate CNs of 1..64 characters from [A-Za-z0-9._-] (X.520 ub-common-name is 64).</summary>
        public const int MaxDeviceIdLength = 64;

        /// <summary>Upload ids in receipts: a tus upload path segment; 128 characters is ample and bounded.</summary>
        public const int MaxUploadIdLength = 128;

        /// <summary>
        /// Largest content of one segment: 64 GiB, far above any body-camera segment (minutes of
        /// video) and small enough that lengths fit every platform's 64-bit signed arithmetic.
        /// </summary>
        public const long MaxContentLengthBytes = 64L * 1024 * 1024 * 1024;

        /// <summary>
        /// Encoded manifest payload: 23 fields, at most 303 bytes (64-character device id, every
        /// integer at its widest); 512 leaves margin without letting a manifest grow unbounded.
        /// </summary>
        public const int MaxManifestBytes = 512;

        /// <summary>Encoded receipt payload: 8 fields, at most about 300 bytes.</summary>
        public const int MaxReceiptBytes = 512;

        /// <summary>
        /// Largest signer certificate carried in a record. A P-256 device certificate is about
        /// 500 bytes; 2048 admits long subject names and extensions.
        /// </summary>
        public const int MaxCertificateBytes = 2048;

        /// <summary>Largest whole record (COSE_Sign1): certificate, manifest, signature and framing.</summary>
        public const int MaxRecordBytes = MaxCertificateBytes + MaxManifestBytes + 128;

        /// <summary>Largest receipt (COSE_Sign1), same reasoning as <see cref="MaxRecordBytes"/>.</summary>
        public const int MaxReceiptRecordBytes = MaxCertificateBytes + MaxReceiptBytes + 128;
    }
}
