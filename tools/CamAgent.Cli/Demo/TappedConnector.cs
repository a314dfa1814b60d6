using System.Globalization;
using System.Text;
using CamAgent.Core.Platform;

namespace CamAgent.Cli.Demo;

/// <summary>
/// An <see cref="ITlsConnector"/> that hands the agent the real connector's streams unchanged and
/// reads, without altering anything, the Upload-Offset of every PATCH the agent sends (tus 1.0.0
/// §3.2: the offset the client resumes from). The agent does not report where it resumed; the
/// demo shows it from what actually went on the wire, inside TLS.
/// </summary>
public sealed class TappedConnector : ITlsConnector
{
    private readonly ITlsConnector _inner;
    private readonly List<PatchObservation> _patches = new();

    public TappedConnector(ITlsConnector inner)
    {
        _inner = inner;
    }

    /// <summary>Connections opened so far.</summary>
    public int Connections { get; private set; }

    /// <summary>Every PATCH sent, in order: on which connection (1-based) and from which offset.</summary>
    public IReadOnlyList<PatchObservation> Patches
    {
        get
        {
            lock (_patches)
            {
                return _patches.ToArray();
            }
        }
    }

    public TransportStatus Connect(string host, int port, int timeoutMs, out Stream stream)
    {
        TransportStatus status = _inner.Connect(host, port, timeoutMs, out stream);
        if (status == TransportStatus.Ok)
        {
            Connections++;
            stream = new TapStream(stream, Connections, this);
        }

        return status;
    }

    private void Observe(int connection, byte[] buffer, int offset, int count)
    {
        const string Patch = "PATCH ";
        const string OffsetHeader = "\r\nUpload-Offset: ";
        if (count < Patch.Length || Encoding.ASCII.GetString(buffer, offset, Patch.Length) != Patch)
        {
            return;
        }

        string head = Encoding.ASCII.GetString(buffer, offset, count);
        int start = head.IndexOf(OffsetHeader, StringComparison.OrdinalIgnoreCase);
        int end = start < 0 ? -1 : head.IndexOf('\r', start + OffsetHeader.Length);
        if (end > 0 && long.TryParse(head.AsSpan(start + OffsetHeader.Length, end - start - OffsetHeader.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long uploadOffset))
        {
            lock (_patches)
            {
                _patches.Add(new PatchObservation(connection, uploadOffset));
            }
        }
    }

    /// <summary>One PATCH request: the connection it went on and its Upload-Offset.</summary>
    public sealed record PatchObservation(int Connection, long UploadOffset);

    /// <summary>Passes everything through; looks at what is written.</summary>
    private sealed class TapStream(Stream inner, int connection, TappedConnector owner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int ReadTimeout { get => inner.ReadTimeout; set => inner.ReadTimeout = value; }
        public override int WriteTimeout { get => inner.WriteTimeout; set => inner.WriteTimeout = value; }
        public override bool CanTimeout => inner.CanTimeout;

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Write(byte[] buffer, int offset, int count)
        {
            owner.Observe(connection, buffer, offset, count);
            inner.Write(buffer, offset, count);
        }

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
