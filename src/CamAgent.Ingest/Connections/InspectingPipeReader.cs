using System.Buffers;
using System.IO.Pipelines;
using System.Net;

namespace CamAgent.Ingest.Connections;

/// <summary>
/// The connection's input as the TLS stack reads it, with the client's first flight shown to a
/// <see cref="HandshakeInspector"/> before the TLS stack sees it. Every byte passes through
/// unchanged, except that when the inspector refuses the client certificate, the bytes that
/// completed the Certificate message are withheld, the alert is written (and flushed) to the connection's
/// output, and the input ends, which fails the handshake. Once the inspection is over, reads go straight to the transport.
/// Every read that returns bytes is counted on the connection's <see cref="ConnectionActivity"/>.
/// </summary>
internal sealed class InspectingPipeReader : PipeReader
{
    private readonly PipeReader _inner;
    private readonly PipeWriter _output;
    private readonly HandshakeInspector _inspector;
    private readonly IPAddress _source;
    private readonly ConnectionActivity _activity;
    private readonly ClientFlightParser _flight = new();
    private ReadOnlySequence<byte> _last;
    private long _consumed;
    private long _inspected;
    private bool _inspecting = true;
    private bool _ended;

    public InspectingPipeReader(PipeReader inner, PipeWriter output, HandshakeInspector inspector, IPAddress source, ConnectionActivity activity)
    {
        _activity = activity;
        _inner = inner;
        _output = output;
        _inspector = inspector;
        _source = source;
    }

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_ended)
        {
            return new ReadResult(ReadOnlySequence<byte>.Empty, false, true);
        }

        ReadResult result = Counted(await _inner.ReadAsync(cancellationToken).ConfigureAwait(false));
        if (!_inspecting)
        {
            return result;
        }

        byte[]? alert = Inspect(result.Buffer);
        if (alert is null)
        {
            _last = result.Buffer;
            return result;
        }

        _inner.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        _ended = true;
        await _output.WriteAsync(alert, cancellationToken).ConfigureAwait(false);
        return new ReadResult(ReadOnlySequence<byte>.Empty, false, true);
    }

    // A read that would need the inspector is left to ReadAsync ("nothing available yet").
    public override bool TryRead(out ReadResult result)
    {
        if (_ended)
        {
            result = new ReadResult(ReadOnlySequence<byte>.Empty, false, true);
            return true;
        }

        if (_inspecting)
        {
            result = default;
            return false;
        }

        if (!_inner.TryRead(out result))
        {
            return false;
        }

        result = Counted(result);
        return true;
    }

    private ReadResult Counted(ReadResult result)
    {
        if (!result.Buffer.IsEmpty)
        {
            _activity.Arrived();
        }

        return result;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        if (_ended)
        {
            return;
        }

        if (_inspecting)
        {
            _consumed += _last.Slice(_last.Start, consumed).Length;
        }

        _inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => _inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => _inner.Complete(exception);

    private byte[]? Inspect(ReadOnlySequence<byte> buffer)
    {
        long start = _inspected - _consumed;
        if (start < buffer.Length)
        {
            foreach (ReadOnlyMemory<byte> segment in buffer.Slice(start))
            {
                if (_flight.Feed(segment.Span) != ClientFlight.NeedMore)
                {
                    break;
                }
            }

            _inspected = _consumed + buffer.Length;
        }

        if (_flight.State == ClientFlight.NeedMore)
        {
            return null;
        }

        _inspecting = false;
        return _inspector.Decide(_flight, _source);
    }
}
