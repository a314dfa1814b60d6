using System.Text;
using CamAgent.Core.Http;

namespace CamAgent.Core.Upload
{
    /// <summary>
    /// Builds PATCH heads (tus 1.0.0 core, docs/upload-protocol.md §3.4). Consecutive PATCHes of an
    /// upload differ only in Upload-Offset and Content-Length, which end the head, so the prefix up
    /// to "Upload-Offset: " (request line, Host, Tus-Resumable, Content-Type) is built once from
    /// pre-encoded fragments and kept in the writer's buffer; each PATCH rewinds to it and writes
    /// two decimal numbers and two fragments. The prefix is built again when the upload path or
    /// host changes or when another request was built in the writer since (its
    /// <see cref="HttpRequestWriter.Generation"/> moved on). No buffer of its own: nothing is
    /// allocated, here or per PATCH.
    /// </summary>
    internal sealed class PatchHead
    {
        private static readonly byte[] PatchMethod = Encoding.UTF8.GetBytes("PATCH ");
        private static readonly byte[] FixedLines = Encoding.UTF8.GetBytes(
            TusHeaders.TusResumable + ": " + TusHeaders.ProtocolVersion + "\r\n"
            + "Content-Type: " + TusHeaders.OffsetOctetStream + "\r\n"
            + TusHeaders.UploadOffset + ": ");

        private static readonly byte[] ContentLengthName = Encoding.UTF8.GetBytes("\r\nContent-Length: ");
        private static readonly byte[] LineEnd = Encoding.UTF8.GetBytes("\r\n");

        private readonly HttpRequestWriter _writer;
        private string _path;
        private string _host;
        private int _generation;
        private int _prefixLength = -1;

        public PatchHead(HttpRequestWriter writer)
        {
            _writer = writer;
        }

        /// <summary>Builds the head of a PATCH carrying <paramref name="count"/> bytes from <paramref name="offset"/>; Ok or RequestTooLarge.</summary>
        public HttpResult Build(string host, string path, long offset, int count)
        {
            // Reference comparison: the client passes the same strings for every PATCH of an
            // upload; equal text in another string only costs a rebuild.
            if (_prefixLength < 0 || _writer.Generation != _generation || (object)path != (object)_path || (object)host != (object)_host)
            {
                BuildPrefix(host, path);
            }

            if (_prefixLength >= 0)
            {
                _writer.Rewind(_prefixLength);
            }

            _writer.AppendDecimal(offset);
            _writer.Append(ContentLengthName);
            _writer.AppendDecimal(count);
            _writer.Append(LineEnd);
            return _writer.End();
        }

        private void BuildPrefix(string host, string path)
        {
            _writer.Begin(PatchMethod, path, host);
            _writer.Append(FixedLines);

            // A prefix that did not fit is never reused: the head reports RequestTooLarge.
            _prefixLength = _writer.Fits ? _writer.Length : -1;
            _generation = _writer.Generation;
            _path = path;
            _host = host;
        }
    }
}
