using System;
using System.IO;
using CamAgent.Core.Http;

namespace CamAgent.Core.Upload
{
    /// <summary>
    /// Sends one PATCH (tus 1.0.0 core) whose body is streamed from the record's content through
    /// the one chunk buffer: read a chunk, write it, repeat. The first chunk is read before anything
    /// is sent, so an unreadable record costs no request; a read failure later abandons the
    /// connection, because the announced Content-Length can no longer be honoured.
    /// </summary>
    internal sealed class PatchSender
    {
        private readonly HttpConnection _connection;
        private readonly PatchHead _head;
        private readonly byte[] _chunk;

        public PatchSender(HttpConnection connection, int chunkSizeBytes)
        {
            _connection = connection;
            _head = new PatchHead(connection.Request);
            _chunk = new byte[chunkSizeBytes];
        }

        /// <summary>Content bytes handed to the connection, including any that a cut then lost.</summary>
        public long ContentBytesSent { get; private set; }

        public int BufferBytes
        {
            get { return _chunk.Length; }
        }

        /// <summary>Set when the last <see cref="Send"/> failed because the content could not be read.</summary>
        public bool ContentFailed { get; private set; }

        /// <summary>Sends the request for content[offset..offset+count); the outcome of the last write.</summary>
        public HttpResult Send(UploadJob job, string host, string path, long offset, int count)
        {
            ContentFailed = false;
            int piece = count < _chunk.Length ? count : _chunk.Length;
            if (!Read(job.Content, offset, piece))
            {
                ContentFailed = true;
                return HttpResult.Ok;
            }

            if (_head.Build(host, path, offset, count) != HttpResult.Ok)
            {
                // The host (≤ 253 characters), a checked Location (≤ 256) and five short fields always fit.
                throw new InvalidOperationException("PATCH request does not fit the request buffer");
            }

            HttpResult result = _connection.SendHead();
            int sent = 0;
            while (result == HttpResult.Ok)
            {
                ContentBytesSent += piece;
                result = _connection.SendBody(_chunk, 0, piece);
                sent += piece;
                if (result != HttpResult.Ok || sent == count)
                {
                    break;
                }

                piece = count - sent < _chunk.Length ? count - sent : _chunk.Length;
                if (!Read(job.Content, offset + sent, piece))
                {
                    _connection.Close();
                    ContentFailed = true;
                    break;
                }
            }

            return result;
        }

        /// <summary>Fills the chunk buffer with <paramref name="count"/> bytes at <paramref name="offset"/>; false on a short or failed read.</summary>
        private bool Read(Stream content, long offset, int count)
        {
            if (count == 0)
            {
                return true;
            }

            try
            {
                content.Position = offset;
                int filled = 0;
                while (filled < count)
                {
                    int read = content.Read(_chunk, filled, count - filled);
                    if (read <= 0)
                    {
                        return false;
                    }

                    filled += read;
                }

                return true;
            }
            catch (IOException)
            {
                // Reported as UploadFailure.ContentUnreadable by the client, which logs it.
                return false;
            }
        }
    }
}
