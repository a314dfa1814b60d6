using System;

namespace CamAgent.Core.Upload
{
    /// <summary>Settings of <see cref="TusClient"/>; the defaults suit a camera on Wi-Fi or LTE.</summary>
    public sealed class TusClientOptions
    {
        public TusClientOptions()
        {
            ChunkSizeBytes = UploadLimits.DefaultChunkSizeBytes;
            PatchSizeBytes = UploadLimits.DefaultPatchSizeBytes;
            ConnectTimeoutMs = UploadLimits.DefaultConnectTimeoutMs;
            RetryPolicy = new RetryPolicy();
        }

        /// <summary>Bytes read from the content and written to the connection at a time: the one content buffer.</summary>
        public int ChunkSizeBytes { get; set; }

        /// <summary>
        /// Content bytes per PATCH request (a multiple of nothing in particular; the body is streamed
        /// chunk by chunk from the one buffer). Each PATCH costs a round trip and a server flush.
        /// </summary>
        public int PatchSizeBytes { get; set; }

        /// <summary>Budget for connect plus TLS handshake, passed to the connector.</summary>
        public int ConnectTimeoutMs { get; set; }

        public RetryPolicy RetryPolicy { get; set; }

        internal void Validate()
        {
            if (ChunkSizeBytes <= 0 || PatchSizeBytes < ChunkSizeBytes || ConnectTimeoutMs <= 0)
            {
                throw new ArgumentOutOfRangeException("PatchSizeBytes", "need 0 < ChunkSizeBytes <= PatchSizeBytes and ConnectTimeoutMs > 0");
            }

            if (RetryPolicy == null)
            {
                throw new ArgumentNullException("RetryPolicy");
            }
        }
    }
}
