using System.Text;

namespace CamAgent.Core.Tests.Agent;

/// <summary>One connection to the <see cref="InMemoryTusServer"/>: requests are handled as soon as they are complete; answers queue for Read.</summary>
internal sealed class InMemoryTusConnection(InMemoryTusServer server, int cutAfterBytes) : Stream
{
    private readonly MemoryStream _inbound = new();
    private readonly Queue<byte> _outbound = new();
    private long _received;
    private bool _cut;

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_cut)
        {
            throw new IOException("connection reset");
        }

        if (cutAfterBytes > 0 && _received + count > cutAfterBytes)
        {
            _cut = true;
            throw new IOException("connection reset");
        }

        _received += count;
        _inbound.Write(buffer, offset, count);
        while (TryTakeRequest(out string head, out byte[] body))
        {
            foreach (byte b in server.Handle(head, body))
            {
                _outbound.Enqueue(b);
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_cut || _outbound.Count == 0)
        {
            return 0;
        }

        int n = 0;
        while (n < count && _outbound.Count > 0)
        {
            buffer[offset + n++] = _outbound.Dequeue();
        }

        return n;
    }

    private bool TryTakeRequest(out string head, out byte[] body)
    {
        head = "";
        body = [];
        byte[] data = _inbound.ToArray();
        int end = data.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return false;
        }

        head = Encoding.ASCII.GetString(data, 0, end);
        int length = 0;
        foreach (string line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim());
            }
        }

        if (data.Length < end + 4 + length)
        {
            return false;
        }

        body = data[(end + 4)..(end + 4 + length)];
        _inbound.SetLength(0);
        _inbound.Write(data, end + 4 + length, data.Length - end - 4 - length);
        return true;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
