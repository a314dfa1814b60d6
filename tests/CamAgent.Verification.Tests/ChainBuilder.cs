using CamAgent.Core.Evidence;
using CamAgent.Tests.Support;

namespace CamAgent.Verification.Tests;

/// <summary>
/// Writes a plausible device history into a <see cref="TestStore"/>: recordings opened and
/// closed, segments of assorted sizes (0, partial, exact and multiple chunks), and, when asked,
/// power cuts with a partial segment, clock steps, configuration changes and an untrusted clock.
/// Remembers the chain state before each record so tests can forge forks.
/// </summary>
public sealed class ChainBuilder
{
    private readonly TestDevice _device;
    private readonly TestStore _store;
    private readonly Random _random;
    private long _recordingId;
    private bool _recording;
    private bool _clockValid = true;

    public ChainBuilder(TestDevice device, TestStore store, Random random)
    {
        _device = device;
        _store = store;
        _random = random;
    }

    /// <summary>Chain state before each sequence number was sealed.</summary>
    public List<ChainState> StatesBefore { get; } = new();

    /// <summary>Record kind per sequence number.</summary>
    public List<RecordKind> Kinds { get; } = new();

    /// <summary>Content length per sequence number.</summary>
    public List<long> Lengths { get; } = new();

    public int Count => Kinds.Count;

    /// <summary>Sequence numbers of segments with content.</summary>
    public IEnumerable<long> SegmentsWithContent => Enumerable.Range(0, Count).Where(i => Kinds[i] == RecordKind.Segment && Lengths[i] > 0).Select(i => (long)i);

    /// <summary>Adds <paramref name="segments"/> segments in recordings, with events when <paramref name="events"/>.</summary>
    public ChainBuilder Build(int segments, bool events)
    {
        for (int i = 0; i < segments; i++)
        {
            if (!_recording || _random.Next(12) == 0)
            {
                if (_recording)
                {
                    Continuity(ContinuityEvent.RecordingStop);
                }

                MaybeEvent(events);
                _recordingId = _device.Chain.NextSequence;
                Continuity(ContinuityEvent.RecordingStart);
                _recording = true;
            }

            Segment(truncated: false);
        }

        Continuity(ContinuityEvent.RecordingStop);
        _recording = false;
        return this;
    }

    private void MaybeEvent(bool events)
    {
        if (!events)
        {
            return;
        }

        switch (_random.Next(6))
        {
            case 0:
                // Power cut mid-recording: the device restarts, says so, then seals the partial file.
                _device.MonotonicMs = 2_000;
                _device.BootCount++;
                Continuity(ContinuityEvent.PowerLossRecovery);
                Segment(truncated: true);
                break;
            case 1:
                long step = _random.Next(2) == 0 ? -3_600_000 : 7_200_000;
                _device.WallClockMs += step;
                Continuity(ContinuityEvent.ClockStep, step);
                break;
            case 2:
                Continuity(ContinuityEvent.ConfigChange);
                break;
            case 3:
                _clockValid = !_clockValid;
                break;
        }
    }

    private void Continuity(ContinuityEvent kind, long detail = 0)
    {
        StatesBefore.Add(Copy(_device.Chain));
        Manifest record = Prepare(0);
        record.Event = kind;
        record.EventDetail = detail;
        byte[] output = new byte[_device.Sealer.MaxRecordBytes];
        Assert.Equal(SealStatus.Ok, _device.Sealer.SealContinuity(record, _device.Chain, output, 0, output.Length, out int written));
        _store.Put(_device, output[..written], null);
        Kinds.Add(RecordKind.Continuity);
        Lengths.Add(0);
    }

    private void Segment(bool truncated)
    {
        StatesBefore.Add(Copy(_device.Chain));
        int chunk = ChunkSize;
        int length = _random.Next(5) switch
        {
            0 => 0,
            1 => chunk,
            2 => 3 * chunk,
            _ => _random.Next(1, 4 * chunk),
        };
        byte[] content = new byte[length];
        _random.NextBytes(content);
        Manifest record = Prepare(1_000 + _random.Next(9_000));
        record.Truncated = truncated;
        byte[] output = new byte[_device.Sealer.MaxRecordBytes];
        Assert.Equal(SealStatus.Ok, _device.Sealer.SealSegment(new MemoryStream(content), record, _device.Chain, output, 0, output.Length, out int written));
        _store.Put(_device, output[..written], content);
        Kinds.Add(RecordKind.Segment);
        Lengths.Add(length);
    }

    /// <summary>Chunk size the builder's device must use (small, so multi-chunk content stays cheap).</summary>
    public const int ChunkSize = 256;

    private Manifest Prepare(long durationMs)
    {
        Manifest record = _device.NewRecord(durationMs);
        record.RecordingId = _recordingId;
        if (!_clockValid)
        {
            record.ClockState = ClockState.Invalid;
            record.LastSyncAgeMs = Manifest.NeverSynced;
        }

        return record;
    }

    private static ChainState Copy(ChainState state)
    {
        var copy = new ChainState();
        copy.CopyFrom(state);
        return copy;
    }
}
