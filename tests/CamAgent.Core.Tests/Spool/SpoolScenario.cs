using System.Security.Cryptography;
using System.Text;
using CamAgent.Core.Platform;
using CamAgent.Core.Segments;
using CamAgent.Core.Spool;
using CamAgent.Core.Tests.Storage;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// Drives a recorder, the spool and an upload to a remote server through their whole life on a
/// <see cref="SimulatedFatStore"/>, one small step at a time, the way the agent loop will:
/// record → find → reserve → seal → commit → upload in chunks → receipt → delete, plus a
/// continuity record at every boot. Power cuts (<see cref="PowerLostException"/>) reboot the
/// device: the spool and the recorder restart from what the card holds; the recorder's own
/// counter and the server survive (they live elsewhere). Every rule the spool promises is
/// checked against the server, which keeps everything it ever received.
/// The sealer here is scripted (a SHA-256 "manifest" chained by digest) so the spool is tested
/// on its own; the evidence sealer replaces it end to end.
/// </summary>
public sealed class SpoolScenario
{
    public const string SpoolDirectory = "SPOOL";
    public const string SegmentDirectory = "REC";
    public const int UploadChunkBytes = 16;

    private readonly int _segments;
    private readonly long _lowFreeBytes;
    private readonly long _criticalFreeBytes;
    private readonly IScenarioSealer _sealer;
    private readonly HashSet<long> _reportedSkips = new();
    private readonly SegmentFile _found = new();
    private readonly SpoolEntry _entry = new();
    private readonly RecoveryReport _report = new();
    private readonly byte[] _manifestBuffer = new byte[SpoolConstants.MaxManifestBytes];
    private readonly byte[] _chainBuffer = new byte[SpoolConstants.MaxChainStateBytes];

    private CamAgent.Core.Spool.Spool _spool = null!;
    private StorageMonitor _monitor = null!;
    private SegmentSource _source = null!;
    private bool _continuityDue;
    private Recorder _recorder;

    public SpoolScenario(SimulatedFatStore store, int segments, long lowFreeBytes = 0, long criticalFreeBytes = 0, IScenarioSealer? sealer = null)
    {
        Store = store;
        _sealer = sealer ?? new ScriptedSealer();
        Remote = new Server(_sealer);
        _segments = segments;
        _lowFreeBytes = lowFreeBytes;
        _criticalFreeBytes = criticalFreeBytes;
        _recorder = new Recorder(store, segments);
        WatchRecordWrites();
    }

    public SimulatedFatStore Store { get; }

    public Server Remote { get; }

    public int Boots { get; private set; }

    public int Steps { get; private set; }

    public int PowerCuts { get; private set; }

    public List<SpoolStatus> FailedStatuses { get; } = new();

    public bool SawStorageAlarm { get; private set; }

    public CamAgent.Core.Spool.Spool Spool => _spool;

    /// <summary>Content the recorder writes for its segment n (deterministic, 20..90 bytes).</summary>
    public static byte[] ContentOf(long recorderSequence)
    {
        int length = 20 + (int)(recorderSequence * 37 % 71);
        return Enumerable.Range(0, length).Select(i => (byte)(recorderSequence * 31 + i * 7)).ToArray();
    }

    /// <summary>Runs until everything recorded is uploaded and deleted, or <paramref name="maxSteps"/> pass.</summary>
    public bool Run(int maxSteps, Action? afterCut = null)
    {
        bool booted = false;
        for (int step = 0; step < maxSteps; step++)
        {
            Steps++;
            try
            {
                if (!booted)
                {
                    booted = Boot();
                    continue;
                }

                if (!Step())
                {
                    return true;
                }
            }
            catch (PowerLostException)
            {
                PowerCuts++;
                Store.PowerOn();
                afterCut?.Invoke();
                booted = false;
            }
        }

        return false;
    }

    private bool Boot()
    {
        Boots++;
        _recorder = _recorder.Restarted();
        _spool = new CamAgent.Core.Spool.Spool(Store, SpoolDirectory, SegmentDirectory);
        _monitor = _criticalFreeBytes > 0 ? new StorageMonitor(Store, _lowFreeBytes, _criticalFreeBytes) : new StorageMonitor(Store);
        _source = new SegmentSource(Store, SegmentDirectory);
        SpoolStatus status = _spool.Recover(_report);
        if (!Note(status) && !IsRecoveredDespite(status))
        {
            return false;
        }

        CheckRecoveredState();
        for (long skipped = _report.SkippedFromSequence; skipped >= 0 && skipped < _report.SkippedFromSequence + _report.SkippedCount; skipped++)
        {
            _reportedSkips.Add(skipped);
        }

        if (!Note(SpoolStatuses(_source.DeclareRecorderRestarted())))
        {
            return false;
        }

        _continuityDue = true;
        return true;
    }

    private static bool IsRecoveredDespite(SpoolStatus status) => status == SpoolStatus.StorageFull;

    /// <summary>One unit of work for the recorder and one for the agent; false when all is done.</summary>
    private bool Step()
    {
        bool recorderBusy = _recorder.Step(AllowRecording());
        bool agentBusy = AgentStep();
        return recorderBusy || agentBusy;
    }

    private bool AllowRecording()
    {
        if (_criticalFreeBytes == 0)
        {
            return true;
        }

        Note(SpoolStatuses(_monitor.Check(out StorageLevel level)));
        SawStorageAlarm |= _monitor.AlarmPending;
        return level == StorageLevel.Normal;
    }

    private bool AgentStep()
    {
        if (_continuityDue)
        {
            _continuityDue = !SealContinuity(_report);
            return true;
        }

        if (_monitor.AlarmPending)
        {
            if (SealContinuity(null))
            {
                _monitor.AcknowledgeAlarm();
            }

            return true;
        }

        if (_spool.GetOldest(_entry))
        {
            return UploadOrDelete() || true;
        }

        return SealNextSegment();
    }

    private bool SealNextSegment()
    {
        if (!Note(SpoolStatuses(_source.FindNext(_spool.HighestSealedRecorderSequence, _found, out bool found))) || !found)
        {
            return found || _recorder.Busy;
        }

        if (!Reserve(out long sequence))
        {
            return true;
        }

        if (!Note(SpoolStatuses(Store.OpenRead(_found.Path, out Stream stream))))
        {
            return true;
        }

        byte[] content;
        using (stream)
        {
            content = new byte[_found.LengthBytes];
            stream.ReadExactly(content);
        }

        int length = Seal(sequence, true, _found.Truncated, content);
        Note(Commit(sequence, _found, content.Length, length));
        return true;
    }

    private bool SealContinuity(RecoveryReport? recovery)
    {
        if (!Reserve(out long sequence))
        {
            return false;
        }

        int length = Seal(sequence, false, false, Array.Empty<byte>(), recovery);
        return Note(Commit(sequence, null, 0, length));
    }

    private int _chainLength;

    private bool Reserve(out long sequence) => Note(_spool.ReserveSequence(out sequence));

    private SpoolStatus Commit(long sequence, SegmentFile? segment, long contentLength, int manifestLength) =>
        _spool.CommitSealed(sequence, segment!, contentLength, _manifestBuffer, 0, manifestLength, _chainBuffer, 0, _chainLength);

    /// <summary>
    /// A sequence number is signed once: whatever the cuts, every record frame ever written to
    /// the card for one number (even one later deleted, which FAT leaves readable) is the same.
    /// </summary>
    private readonly Dictionary<string, byte[]> _recordBytesOnCard = new(StringComparer.OrdinalIgnoreCase);

    private void WatchRecordWrites()
    {
        Store.OnAppend = (path, bytes) =>
        {
            if (!path.EndsWith(".MAT", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            if (_recordBytesOnCard.TryGetValue(path, out byte[]? earlier))
            {
                Assert.True(earlier.SequenceEqual(bytes), $"{path}: a second, different record was written for the same sequence number");
            }

            _recordBytesOnCard[path] = bytes;
        };
    }

    /// <summary>Seals with the chain state the spool kept; leaves the record and the chain state after it in the buffers.</summary>
    private int Seal(long sequence, bool segment, bool truncated, byte[] content, RecoveryReport? recovery = null)
    {
        byte[] previous = _chainBuffer[.._spool.CopyChainState(_chainBuffer, 0)];
        byte[] after;
        byte[] record = segment
            ? _sealer.SealSegment(sequence, previous, content, truncated, Boots, out after)
            : _sealer.SealContinuity(sequence, previous, Boots, recovery, out after);
        record.CopyTo(_manifestBuffer, 0);
        after.CopyTo(_chainBuffer, 0);
        _chainLength = after.Length;
        return record.Length;
    }

    private bool UploadOrDelete()
    {
        long sequence = _entry.Sequence;
        switch (_entry.State)
        {
            case RecordState.Receipted:
                Note(_spool.DeleteReceipted(sequence));
                return true;
            case RecordState.ContentMissing:
                throw new InvalidOperationException($"record {sequence} lost its content before a receipt\n{Store.Describe()}");
        }

        if (!Note(_spool.ReadManifest(sequence, _manifestBuffer, 0, out int manifestLength)))
        {
            return true;
        }

        byte[] manifest = _manifestBuffer[..manifestLength];
        long offset = Remote.Create(sequence, manifest, _entry.RecorderSequence, _entry.Truncated);
        if (offset < _entry.ContentLengthBytes)
        {
            if (!Note(_spool.OpenContent(sequence, out Stream stream)))
            {
                return true;
            }

            using (stream)
            {
                int count = (int)Math.Min(UploadChunkBytes, _entry.ContentLengthBytes - offset);
                byte[] chunk = new byte[count];
                stream.Position = offset;
                stream.ReadExactly(chunk);
                offset = Remote.Patch(sequence, offset, chunk);
            }

            Note(_spool.RecordUploadProgress(sequence, offset));
            return true;
        }

        byte[] receipt = Remote.Receipt(sequence);
        Assert.Equal(Receipts.For(sequence, manifest), receipt);
        Note(_spool.CommitReceipt(sequence, receipt, 0, receipt.Length));
        return true;
    }

    private void CheckRecoveredState()
    {
        Assert.Equal(0, _report.ContentMissing);
        Assert.Equal(0, _report.CorruptFiles);
        for (long sequence = 0; sequence <= Remote.HighestSequence; sequence++)
        {
            if (!_spool.Find(sequence, _entry))
            {
                continue;
            }

            Assert.NotEqual(RecordState.ContentMissing, _entry.State);
            if (_entry.State == RecordState.Receipted)
            {
                byte[] buffer = new byte[SpoolConstants.MaxReceiptBytes];
                Assert.Equal(SpoolStatus.Ok, _spool.ReadReceipt(sequence, buffer, 0, out int length));
                Assert.Equal(Remote.Receipt(sequence), buffer[..length]);
            }
        }

        // A segment's content may be gone only once the server has issued its receipt.
        foreach (long recorderSequence in _recorder.Written)
        {
            bool present = Store.Peek($"{SegmentDirectory}/{recorderSequence:D8}.SEG") != null
                || Store.Peek($"{SegmentDirectory}/{recorderSequence:D8}.TMP") != null;
            if (!present && _recorder.Finished.ContainsKey(recorderSequence))
            {
                Assert.True(Remote.ReceiptedRecorderSequences.Contains(recorderSequence),
                    $"segment {recorderSequence} deleted without a receipt\n{Store.Describe()}");
            }
        }
    }

    private bool Note(SpoolStatus status)
    {
        if (status != SpoolStatus.Ok)
        {
            FailedStatuses.Add(status);
        }

        return status == SpoolStatus.Ok;
    }

    private static SpoolStatus SpoolStatuses(StoreStatus status) => status switch
    {
        StoreStatus.Ok => SpoolStatus.Ok,
        StoreStatus.StorageFull => SpoolStatus.StorageFull,
        StoreStatus.DeviceRemoved => SpoolStatus.DeviceRemoved,
        _ => SpoolStatus.IoError,
    };

    /// <summary>Checks what the server holds once the run is over.</summary>
    public void AssertEverythingDelivered()
    {
        Remote.AssertConsistent();
        foreach (var (recorderSequence, finished) in _recorder.Finished)
        {
            Assert.True(Remote.CompleteContentOf(recorderSequence, out byte[] content), $"finished segment {recorderSequence} never delivered");
            Assert.Equal(finished, content);
        }

        // Every number missing from the chain is one recovery reported as skipped (its commit was cut).
        Assert.Equal(_reportedSkips.OrderBy(n => n), Remote.MissingSequences());
        Assert.Equal(0, _spool.LiveCount);
        Assert.DoesNotContain(Store.Describe().Split('\n'), line => line.StartsWith(SegmentDirectory + "/", StringComparison.Ordinal));
    }

    public override string ToString() => $"steps {Steps}, boots {Boots}, cuts {PowerCuts}, server records {Remote.Count}, statuses [{string.Join(",", FailedStatuses)}]";
}
