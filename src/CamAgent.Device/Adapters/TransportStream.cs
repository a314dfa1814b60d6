using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// The authenticated stream handed to Core: forwards to the SslStream and turns nanoFramework's
    /// SocketException (timeouts, resets) into <see cref="TransportException"/> with a
    /// <see cref="TransportStatus"/>, as the <see cref="ITlsConnector"/> contract asks; Core never
    /// sees a platform exception type. Disposing it closes the TLS session and the socket.
    /// Not seekable.
    /// </summary>
    public sealed class TransportStream : Stream
    {
        private readonly SslStream _tls;
        private readonly Socket _socket;
        private byte[] _spanScratch;

        public TransportStream(SslStream tls, Socket socket)
        {
            if (tls == null)
            {
                throw new ArgumentNullException("tls");
            }

            if (socket == null)
            {
                throw new ArgumentNullException("socket");
            }

            _tls = tls;
            _socket = socket;
        }

        public override bool CanRead
        {
            get { return true; }
        }

        public override bool CanSeek
        {
            get { return false; }
        }

        public override bool CanWrite
        {
            get { return true; }
        }

        public override long Length
        {
            get { throw new NotSupportedException(); }
        }

        public override long Position
        {
            get { throw new NotSupportedException(); }
            set { throw new NotSupportedException(); }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return _tls.Read(buffer, offset, count);
            }
            catch (SocketException e)
            {
                throw Translate(e, "read");
            }
        }

        /// <summary>
        /// nanoFramework's Stream declares this overload abstract. Core reads through the
        /// (buffer, offset, count) overload; this one serves platform code that passes a SpanByte.
        /// SpanByte exposes no array, so the bytes go through a scratch array of
        /// <see cref="DeviceConstants.SpanReadScratchBytes"/>, allocated on first use. Like any
        /// Stream read it may return fewer bytes than the span holds; 0 means the peer closed.
        /// </summary>
        public override int Read(SpanByte buffer)
        {
            if (buffer.Length == 0)
            {
                return 0;
            }

            if (_spanScratch == null)
            {
                _spanScratch = new byte[DeviceConstants.SpanReadScratchBytes];
            }

            int wanted = buffer.Length < _spanScratch.Length ? buffer.Length : _spanScratch.Length;
            int read = Read(_spanScratch, 0, wanted);
            new SpanByte(_spanScratch, 0, read).CopyTo(buffer);
            return read;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _tls.Write(buffer, offset, count);
            }
            catch (SocketException e)
            {
                throw Translate(e, "write");
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            throw new NotSupportedException();
        }

        public override void SetLength(long value)
        {
            throw new NotSupportedException();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _tls.Dispose();
                _socket.Close();
            }

            base.Dispose(disposing);
        }

        private static TransportException Translate(SocketException e, string operation)
        {
            return new TransportException(SocketErrors.ToTransportStatus(e.ErrorCode), "TLS " + operation + " failed: socket error " + e.ErrorCode.ToString());
        }
    }
}
