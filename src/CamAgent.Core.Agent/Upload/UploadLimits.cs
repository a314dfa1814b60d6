using CamAgent.Core.Evidence;

namespace CamAgent.Core.Upload
{
    /// <summary>Sizes of the buffers the upload client allocates once, and the bounds on its retries.</summary>
    public static class UploadLimits
    {
        /// <summary>PATCH body size: equal to the evidence chunk size (docs/evidence-format.md §4), one TLS record's worth of plaintext.</summary>
        public const int DefaultChunkSizeBytes = ContentDigest.DefaultChunkSizeBytes;

        /// <summary>
        /// Content per PATCH: 256 KiB (16 chunks). Every PATCH waits for the server's durable
        /// acknowledgement, so 16 KiB per request would cap an LTE link with 50 ms round trips at
        /// about 320 KB/s; 256 KiB keeps the round trip under a tenth of the transfer time at
        /// 5 MB/s, stays far below the server's per-request limit (1 MiB), and still returns to the
        /// agent loop every fraction of a second. A cut costs at most the bytes in flight, because
        /// the server keeps what arrived before the connection broke.
        /// </summary>
        public const int DefaultPatchSizeBytes = 262144;

        /// <summary>Largest manifest (COSE_Sign1 bytes): the largest record the evidence format allows.</summary>
        public const int MaxManifestBytes = EvidenceLimits.MaxRecordBytes;

        /// <summary>
        /// Request head: base64 of the largest manifest (3584 bytes) plus the POST line and fields
        /// (under 400 bytes even with a 253-character host name).
        /// </summary>
        public const int RequestHeadBytes = 4096;

        /// <summary>Largest receipt (COSE_Sign1 with the server certificate): the largest the evidence format allows.</summary>
        public const int MaxReceiptBytes = EvidenceLimits.MaxReceiptRecordBytes;

        /// <summary>Longest upload URL path accepted in Location (/files/ + device id + '-' + sequence).</summary>
        public const int MaxLocationLength = 256;

        /// <summary>Connect plus TLS handshake budget. Cellular links can take several seconds per round trip.</summary>
        public const int DefaultConnectTimeoutMs = 30000;

        /// <summary>Re-creations after the server forgot an upload (404/410); once is enough to recover from expiry.</summary>
        public const int MaxRecreations = 1;

        /// <summary>409 offset corrections in a row before backing off instead of retrying at once.</summary>
        public const int MaxConsecutiveOffsetConflicts = 2;
    }
}
