using CamAgent.Core.Http;

namespace CamAgent.Core.Upload
{
    /// <summary>Builds the three requests the client sends (tus 1.0.0 core + creation), each with Tus-Resumable.</summary>
    internal static class TusRequests
    {
        /// <summary>
        /// POST /files/ (tus 1.0.0 Creation): Upload-Length and Upload-Metadata "manifest &lt;base64&gt;".
        /// The body is empty: creation-with-upload is not used so that the server can verify the
        /// manifest before any content is sent.
        /// </summary>
        public static HttpResult BuildCreate(HttpRequestWriter w, string host, UploadJob job)
        {
            w.Begin("POST", TusHeaders.CreationPath, host);
            w.AddHeader(TusHeaders.TusResumable, TusHeaders.ProtocolVersion);
            w.AddHeader(TusHeaders.UploadLength, job.ContentLength);
            w.AddHeaderBase64(TusHeaders.UploadMetadata, TusHeaders.ManifestMetadataKey + " ", job.Manifest, job.ManifestOffset, job.ManifestCount);
            w.AddHeader("Content-Length", 0);
            return w.End();
        }

        /// <summary>HEAD &lt;upload&gt; (tus 1.0.0 core): asks for Upload-Offset (and the receipt once complete).</summary>
        public static HttpResult BuildHead(HttpRequestWriter w, string host, string path)
        {
            w.Begin("HEAD", path, host);
            w.AddHeader(TusHeaders.TusResumable, TusHeaders.ProtocolVersion);
            return w.End();
        }

        /// <summary>PATCH &lt;upload&gt; (tus 1.0.0 core) carrying <paramref name="count"/> bytes that start at <paramref name="offset"/>.</summary>
        public static HttpResult BuildPatch(HttpRequestWriter w, string host, string path, long offset, int count)
        {
            w.Begin("PATCH", path, host);
            w.AddHeader(TusHeaders.TusResumable, TusHeaders.ProtocolVersion);
            w.AddHeader("Content-Type", TusHeaders.OffsetOctetStream);
            w.AddHeader(TusHeaders.UploadOffset, offset);
            w.AddHeader("Content-Length", count);
            return w.End();
        }
    }
}
