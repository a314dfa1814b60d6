using System;
using System.IO;
using CamAgent.Core.Platform;

namespace CamAgent.Device.TestPorts.Tus
{
    /// <summary>
    /// The "TLS stream" <see cref="TestTlsConnector"/> hands the agent: what the agent writes goes
    /// straight to the scripted server's end of the connection, and reads return what the server
    /// answered (0 when it has nothing more: to a client waiting for an answer, a closed
    /// connection). When the server's script cuts the link, the write fails with a
    /// <see cref="TransportException"/>, as the device's TLS adapter reports a reset, and so does
    /// every later call. Single-threaded: the server answers inside the agent's write.
    /// </summary>
    public sealed class MemoryDuplexStream : Stream
    {
        private readonly ServerConnection _server;
        private bool _cut;
        private bool _closed;

        internal MemoryDuplexStream(ServerConnection server)
        {
            _server = server;
        }

        public override bool CanRead
        {
            get { return !_closed; }
        }

        public override bool CanSeek
        {
            get { return false; }
        }

        public override bool CanWrite
        {
            get { return !_closed; }
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
            CheckUsable("read");
            return _server.Send(buffer, offset, count);
        }

#if NANOFRAMEWORK_1_0
        // Abstract in nanoFramework.System.IO.Streams; .NET has no SpanByte, so only the device build sees it.
        public override int Read(SpanByte buffer)
        {
            byte[] bytes = new byte[buffer.Length];
            int read = Read(bytes, 0, bytes.Length);
            new SpanByte(bytes, 0, read).CopyTo(buffer);
            return read;
        }
#endif

        public override void Write(byte[] buffer, int offset, int count)
        {
            CheckUsable("write");
            if (_server.Receive(buffer, offset, count) < count)
            {
                _cut = true;
                throw new TransportException(TransportStatus.Closed, "link cut by the test server");
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
            _closed = true;
            base.Dispose(disposing);
        }

        private void CheckUsable(string operation)
        {
            if (_closed)
            {
                throw new ObjectDisposedException("MemoryDuplexStream");
            }

            if (_cut)
            {
                throw new TransportException(TransportStatus.Closed, operation + " on a cut link");
            }
        }
    }
}
