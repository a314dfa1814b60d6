using System.Text;
using CamAgent.Core.Http;

namespace CamAgent.Core.Upload
{
    /// <summary>
    /// Builds the creation and HEAD requests the client sends (tus 1.0.0 core + creation), each
    /// with Tus-Resumable, from pre-encoded fragments; PATCH heads are built by <see cref="PatchHead"/>.
    /// </summary>
    internal static class TusRequests
    {
        private static readonly byte[] PostMethod = Encoding.UTF8.GetBytes("POST ");
        private static readonly byte[] HeadMethod = Encoding.UTF8.GetBytes("HEAD ");
        private static readonly byte[] TusResumableLine = Encoding.UTF8.GetBytes(TusHeaders.TusResumable + ": " + TusHeaders.ProtocolVersion + "\r\n");
        private static readonly byte[] UploadLengthName = Encoding.UTF8.GetBytes(TusHeaders.UploadLength + ": ");
        private static readonly byte[] ManifestMetadata = Encoding.UTF8.GetBytes("\r\n" + TusHeaders.UploadMetadata + ": " + TusHeaders.ManifestMetadataKey + " ");
        private static readonly byte[] EmptyBodyLine = Encoding.UTF8.GetBytes("\r\nContent-Length: 0\r\n");

        /// <summary>
        /// POST /files/ (tus 1.0.0 Creation): Upload-Length and Upload-Metadata "manifest &lt;base64&gt;".
        /// The body is empty: creation-with-upload is not used so that the server can verify the
        /// manifest before any content is sent.
        /// </summary>
        public static HttpResult BuildCreate(HttpRequestWriter w, string host, UploadJob job)
        {
            w.Begin(PostMethod, TusHeaders.CreationPath, host);
            w.Append(TusResumableLine);
            w.Append(UploadLengthName);
            w.AppendDecimal(job.ContentLength);
            w.Append(ManifestMetadata);
            w.AppendBase64(job.Manifest, job.ManifestOffset, job.ManifestCount);
            w.Append(EmptyBodyLine);
            return w.End();
        }

        /// <summary>HEAD &lt;upload&gt; (tus 1.0.0 core): asks for Upload-Offset (and the receipt once complete).</summary>
        public static HttpResult BuildHead(HttpRequestWriter w, string host, string path)
        {
            w.Begin(HeadMethod, path, host);
            w.Append(TusResumableLine);
            return w.End();
        }
    }
}
