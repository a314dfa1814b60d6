using CamAgent.Core.Platform;

namespace CamAgent.Core.Tests.UploadSupport;

/// <summary>
/// Wraps a real connector and cuts the connection at scheduled positions of the byte streams the
/// client writes and reads (counted across all connections), as a link that drops mid-transfer
/// would: bytes before the cut are delivered, the connection is then torn down and the operation
/// fails with <see cref="TransportStatus.Closed"/>.
/// </summary>
public sealed class CuttingConnector(ITlsConnector inner, IEnumerable<long> writeCuts, IEnumerable<long> readCuts) : ITlsConnector
{
    private readonly Queue<long> _writeCuts = new(writeCuts.Order());
    private readonly Queue<long> _readCuts = new(readCuts.Order());

    public long Written { get; private set; }

    public long ReadTotal { get; private set; }

    public int WriteCutsMade { get; private set; }

    public int ReadCutsMade { get; private set; }

    public TransportStatus Connect(string host, int port, int timeoutMs, out Stream stream)
    {
        TransportStatus status = inner.Connect(host, port, timeoutMs, out stream);
        if (status == TransportStatus.Ok)
        {
            stream = new CuttingStream(this, stream);
        }

        return status;
    }

    private sealed class CuttingStream(CuttingConnector owner, Stream inner) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            Queue<long> cuts = owner._writeCuts;
            while (cuts.Count > 0 && cuts.Peek() < owner.Written)
            {
                cuts.Dequeue();
            }

            if (cuts.Count > 0 && cuts.Peek() < owner.Written + count)
            {
                int before = (int)(cuts.Dequeue() - owner.Written);
                inner.Write(buffer, offset, before);
                inner.Flush();
                owner.Written += before;
                owner.WriteCutsMade++;
                throw Cut();
            }

            inner.Write(buffer, offset, count);
            owner.Written += count;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = inner.Read(buffer, offset, count);
            Queue<long> cuts = owner._readCuts;
            if (cuts.Count > 0 && cuts.Peek() < owner.ReadTotal + read)
            {
                cuts.Dequeue();
                owner.ReadCutsMade++;
                throw Cut();
            }

            owner.ReadTotal += read;
            return read;
        }

        private TransportException Cut()
        {
            inner.Dispose();
            return new TransportException(TransportStatus.Closed, "link cut by test");
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
