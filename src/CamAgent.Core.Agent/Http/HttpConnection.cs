using System;
using System.IO;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Http
{
    /// <summary>
    /// One HTTP/1.1 connection over a stream the caller obtained from the egress gate: a request
    /// writer and a response reader whose buffers are allocated once and reused for every
    /// connection. Requests are sent one at a time (no pipelining); after each response the body is
    /// discarded and the connection is kept for the next request when the server allows it
    /// (RFC 9112 §9.3 persistence), or closed.
    /// </summary>
    public sealed class HttpConnection
    {
        private readonly HttpRequestWriter _request;
        private readonly HttpResponseReader _response;
        private Stream _stream;

        public HttpConnection(int requestHeadBytes, int responseHeadBytes)
        {
            _request = new HttpRequestWriter(requestHeadBytes);
            _response = new HttpResponseReader(responseHeadBytes);
        }

        /// <summary>Where the next request head is built.</summary>
        public HttpRequestWriter Request
        {
            get { return _request; }
        }

        /// <summary>The last response head (valid until the next <see cref="ReceiveHead"/>).</summary>
        public HttpResponseHead Response
        {
            get { return _response.Head; }
        }

        public bool IsOpen
        {
            get { return _stream != null; }
        }

        /// <summary>Why the last transfer failed when a call returned <see cref="HttpResult.TransportFailed"/>.</summary>
        public TransportStatus TransportStatus { get; private set; }

        /// <summary>Takes ownership of <paramref name="stream"/>; it is disposed by <see cref="Close"/>.</summary>
        public void Attach(Stream stream)
        {
            if (stream == null)
            {
                throw new ArgumentNullException("stream");
            }

            Close();
            _stream = stream;
            _response.Reset();
            TransportStatus = TransportStatus.Ok;
        }

        /// <summary>Disposes the stream, if any. Safe to call repeatedly.</summary>
        public void Close()
        {
            Stream stream = _stream;
            _stream = null;
            _response.Reset();
            if (stream != null)
            {
                stream.Dispose();
            }
        }

        /// <summary>Sends the head built in <see cref="Request"/> (after its End returned Ok).</summary>
        public HttpResult SendHead()
        {
            return Write(_request.Buffer, 0, _request.Length);
        }

        /// <summary>Sends body bytes; the caller keeps ownership of the buffer.</summary>
        public HttpResult SendBody(byte[] buffer, int offset, int count)
        {
            return Write(buffer, offset, count);
        }

        /// <summary>Reads the response head. On failure the connection is closed.</summary>
        public HttpResult ReceiveHead(bool requestWasHead)
        {
            RequireOpen();
            HttpResult result = _response.ReadHead(_stream, requestWasHead);
            if (result != HttpResult.Ok)
            {
                TransportStatus = result == HttpResult.TransportFailed ? _response.TransportStatus : TransportStatus.Closed;
                Close();
            }

            return result;
        }

        /// <summary>
        /// Ends the exchange: discards the body and closes the connection unless it can be reused.
        /// The response head stays readable until the next <see cref="ReceiveHead"/>.
        /// </summary>
        public HttpResult FinishResponse()
        {
            RequireOpen();
            HttpResult result = _response.DiscardBody(_stream);
            if (result == HttpResult.TransportFailed)
            {
                TransportStatus = _response.TransportStatus;
            }

            if (result != HttpResult.Ok || !_response.KeepAlive)
            {
                Stream stream = _stream;
                _stream = null;
                stream.Dispose();
            }

            return result;
        }

        private HttpResult Write(byte[] buffer, int offset, int count)
        {
            RequireOpen();
            try
            {
                _stream.Write(buffer, offset, count);
                return HttpResult.Ok;
            }
            catch (TransportException e)
            {
                TransportStatus = e.Status;
            }
            catch (IOException)
            {
                TransportStatus = TransportStatus.Closed;
            }

            Close();
            return HttpResult.TransportFailed;
        }

        private void RequireOpen()
        {
            if (_stream == null)
            {
                throw new InvalidOperationException("connection is not open");
            }
        }
    }
}
