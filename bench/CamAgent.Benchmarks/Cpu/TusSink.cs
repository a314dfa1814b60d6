using System.Text;
using CamAgent.Core.Platform;

namespace CamAgent.Benchmarks.Cpu;

/// <summary>
/// An in-process tus server for one upload, as a connector whose connection is a duplex stream:
/// it reads each request head the client writes, counts the body announced by its
/// Content-Length, and then answers from responses prepared before the upload, with the fields
/// the reference ingest server sends (201 to the creation, 204 with the new offset and expiry to
/// each PATCH, the receipt on the last one). It checks the
/// offsets and lengths the client announces and allocates nothing while the upload runs, so the
/// benchmark's allocation figures are the client's. Request-head bytes written are counted here,
/// at the port.
/// </summary>
internal sealed class TusSink : ITlsConnector
{
    private const string UploadPath = "/files/cam-bench-00000000000000000000";

    // The fields the reference ingest server sends (Kestrel's Date first, no Server field), with a fixed date.
    private const string HttpDate = "Mon, 07 Dec 2026 03:00:00 GMT";
    private readonly Dictionary<long, byte[]> _patchAnswers = [];
    private byte[] _created = [];
    private long _contentLength;

    /// <summary>Requests received over all connections.</summary>
    public long Requests { get; private set; }

    /// <summary>Request-head bytes received over all connections (counted at the port).</summary>
    public long HeadBytes { get; private set; }

    /// <summary>Connections opened.</summary>
    public int Connections { get; private set; }

    /// <summary>Prepares the answers for an upload of <paramref name="contentLength"/> bytes in PATCHes of <paramref name="patchBytes"/> that ends with <paramref name="receipt"/>.</summary>
    public void Prepare(long contentLength, int patchBytes, byte[] receipt)
    {
        _contentLength = contentLength;
        _created = Encoding.ASCII.GetBytes($"HTTP/1.1 201 Created\r\nContent-Length: 0\r\nDate: {HttpDate}\r\nLocation: {UploadPath}\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nUpload-Expires: {HttpDate}\r\n\r\n");
        _patchAnswers.Clear();
        for (long offset = 0; offset < contentLength; offset += patchBytes)
        {
            long next = Math.Min(contentLength, offset + patchBytes);
            string last = next == contentLength ? $"CamAgent-Receipt: {Convert.ToBase64String(receipt)}\r\n" : $"Upload-Expires: {HttpDate}\r\n";
            _patchAnswers[offset] = Encoding.ASCII.GetBytes($"HTTP/1.1 204 No Content\r\nDate: {HttpDate}\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: {next}\r\n{last}\r\n");
        }
    }

    public TransportStatus Connect(string host, int port, int timeoutMs, out Stream stream)
    {
        Connections++;
        stream = new SinkStream(this);
        return TransportStatus.Ok;
    }

    private byte[] Answer(int headBytes, bool patch, long offset, long bodyBytes)
    {
        Requests++;
        HeadBytes += headBytes;
        if (!patch)
        {
            return _created;
        }

        if (!_patchAnswers.TryGetValue(offset, out byte[]? answer) || offset + bodyBytes > _contentLength)
        {
            throw new InvalidOperationException($"unexpected PATCH at {offset} of {bodyBytes} bytes");
        }

        return answer;
    }

    /// <summary>One connection: requests in, prepared answers out.</summary>
    internal sealed class SinkStream(TusSink sink) : Stream
    {
        private static readonly byte[] ContentLengthName = Encoding.ASCII.GetBytes("\r\nContent-Length: ");
        private static readonly byte[] UploadOffsetName = Encoding.ASCII.GetBytes("\r\nUpload-Offset: ");
        private readonly byte[] _head = new byte[8192];
        private int _headLength;
        private long _bodyLeft;
        private long _bodyAnnounced;
        private bool _patch;
        private int _requestHeadBytes;
        private long _offset;
        private byte[] _answer = [];
        private int _answerAt;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                if (_bodyLeft > 0)
                {
                    int take = (int)Math.Min(count, _bodyLeft);
                    _bodyLeft -= take;
                    offset += take;
                    count -= take;
                    if (_bodyLeft == 0)
                    {
                        Respond();
                    }

                    continue;
                }

                _head[_headLength++] = buffer[offset++];
                count--;
                if (_headLength >= 4 && _head[_headLength - 1] == '\n' && _head[_headLength - 2] == '\r' && _head[_headLength - 3] == '\n' && _head[_headLength - 4] == '\r')
                {
                    EndOfHead();
                }
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int take = Math.Min(count, _answer.Length - _answerAt);
            Array.Copy(_answer, _answerAt, buffer, offset, take);
            _answerAt += take;
            return take;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void EndOfHead()
        {
            _requestHeadBytes = _headLength;
            _patch = _head[0] == 'P' && _head[1] == 'A';
            _bodyAnnounced = Field(ContentLengthName);
            _bodyLeft = _bodyAnnounced;
            _offset = _patch ? Field(UploadOffsetName) : 0;
            _headLength = 0;
            if (_bodyLeft == 0)
            {
                Respond();
            }
        }

        private void Respond()
        {
            _answer = sink.Answer(_requestHeadBytes, _patch, _offset, _bodyAnnounced);
            _answerAt = 0;
        }

        // The decimal value after a field name in the head just received (0 when absent).
        private long Field(byte[] name)
        {
            int at = _head.AsSpan(0, _headLength).IndexOf(name);
            if (at < 0)
            {
                return 0;
            }

            long value = 0;
            for (int i = at + name.Length; _head[i] >= '0' && _head[i] <= '9'; i++)
            {
                value = (value * 10) + (_head[i] - '0');
            }

            return value;
        }
    }
}
