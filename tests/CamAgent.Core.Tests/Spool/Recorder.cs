using CamAgent.Core.Platform;
using CamAgent.Core.Tests.Storage;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// The camera's recorder as the hand-off convention requires it to behave: it takes its next
/// number from a counter it keeps in its own non-volatile memory (advanced before use), writes
/// "nnnnnnnn.TMP", flushes, renames to "nnnnnnnn.SEG"; after a restart it abandons any file it
/// had open; it does not start a segment while the agent reports low storage, and a segment
/// cut short by a full card is closed as it is.
/// </summary>
public sealed class Recorder
{
    private readonly SimulatedFatStore _store;
    private readonly int _total;
    private readonly Shared _shared;
    private long _current = -1;
    private int _phase;

    public Recorder(SimulatedFatStore store, int total)
        : this(store, total, new Shared())
    {
    }

    private Recorder(SimulatedFatStore store, int total, Shared shared)
    {
        _store = store;
        _total = total;
        _shared = shared;
    }

    /// <summary>Content the recorder writes for its segment n (deterministic, 20..90 bytes).</summary>
    public static byte[] ContentOf(long recorderSequence)
    {
        int length = 20 + (int)(recorderSequence * 37 % 71);
        return Enumerable.Range(0, length).Select(i => (byte)(recorderSequence * 31 + i * 7)).ToArray();
    }

    /// <summary>Recorder numbers whose file was created.</summary>
    public HashSet<long> Written => _shared.Written;

    /// <summary>Recorder numbers renamed to ".SEG", with the content they held then.</summary>
    public Dictionary<long, byte[]> Finished => _shared.Finished;

    public bool Busy => _current >= 0 || _shared.Counter <= _total;

    /// <summary>The recorder after a power cut: same counter and history, no open file.</summary>
    public Recorder Restarted() => new(_store, _total, _shared);

    /// <summary>Does one file operation; false when there is nothing left to record.</summary>
    public bool Step(bool allowStart)
    {
        if (_current < 0)
        {
            if (_shared.Counter > _total)
            {
                return false;
            }

            if (!allowStart)
            {
                return true;
            }

            _current = _shared.Counter++;
            _phase = 0;
        }

        string temp = $"{AgentScenario.SegmentDirectory}/{_current:D8}.TMP";
        byte[] content = ContentOf(_current);
        int half = content.Length / 2;
        StoreStatus status;
        switch (_phase)
        {
            case 0:
                status = _store.CreateDirectory(AgentScenario.SegmentDirectory);
                break;
            case 1:
                status = _store.CreateFile(temp);
                if (status == StoreStatus.Ok)
                {
                    Written.Add(_current);
                }

                break;
            case 2:
                status = _store.Append(temp, content, 0, half);
                break;
            case 3:
                status = _store.Append(temp, content, half, content.Length - half);
                break;
            case 4:
                status = _store.Flush(temp);
                break;
            default:
                status = _store.Rename(temp, $"{AgentScenario.SegmentDirectory}/{_current:D8}.SEG");
                if (status == StoreStatus.Ok)
                {
                    Finished[_current] = _store.Peek($"{AgentScenario.SegmentDirectory}/{_current:D8}.SEG")!;
                    _current = -1;
                    return true;
                }

                break;
        }

        if (status == StoreStatus.Ok)
        {
            _phase++;
        }
        else if (status == StoreStatus.StorageFull && (_phase == 2 || _phase == 3))
        {
            // Card full mid-segment: close what was written.
            _phase = 4;
        }
        else if (status == StoreStatus.StorageFull && _phase == 1)
        {
            _current = -1;
        }

        return true;
    }

    private sealed class Shared
    {
        public long Counter = 1;
        public HashSet<long> Written { get; } = new();
        public Dictionary<long, byte[]> Finished { get; } = new();
    }
}
