using System.Text;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Tests.UploadSupport;

/// <summary>
/// A connection-like stream: reads serve a fixed byte script in pieces of at most
/// <see cref="MaxReadBytes"/> (1 emulates the worst short-read behaviour), then end-of-stream or a
/// transport failure; writes are recorded.
/// </summary>
public sealed class ScriptedStream(byte[] script, int maxReadBytes = int.MaxValue) : Stream
{
    private int _position;

    public static ScriptedStream FromText(string text, int maxReadBytes = int.MaxValue) => new(Encoding.Latin1.GetBytes(text), maxReadBytes);

    public int MaxReadBytes { get; } = maxReadBytes;

    /// <summary>When set, reading past the script throws this instead of returning 0.</summary>
    public TransportStatus? FailAtEndWith { get; init; }

    public MemoryStream Written { get; } = new();

    /// <summary>Counts written bytes without keeping them (so the stream itself allocates nothing).</summary>
    public bool DiscardWrites { get; init; }

    public long WrittenCount { get; private set; }

    public int Reads { get; private set; }

    public bool Disposed { get; private set; }

    public int Remaining => script.Length - _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        Reads++;
        int n = Math.Min(Math.Min(count, MaxReadBytes), script.Length - _position);
        if (n == 0 && FailAtEndWith is { } status)
        {
            throw new TransportException(status, "scripted failure");
        }

        Array.Copy(script, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        WrittenCount += count;
        if (!DiscardWrites)
        {
            Written.Write(buffer, offset, count);
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
