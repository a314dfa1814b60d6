using CamAgent.Core.Agent;
using CamAgent.Core.Platform;
using CamAgent.Core.Spool;
using CamAgent.Core.Tests.Agent;
using CamAgent.Core.Tests.Fakes;
using CamAgent.Core.Tests.Storage;
using CamAgent.Core.Tests.Support;
using CamAgent.Core.Time;
using CamAgent.Core.Upload;
using CamAgent.Host.Crypto;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// The shipped <see cref="AgentLoop"/> through its whole life on a <see cref="SimulatedFatStore"/>
/// card and in-memory record slots (<see cref="MemoryRecordSlots"/>, the device's internal flash),
/// uploading to the behavioural <see cref="InMemoryTusServer"/>, while a <see cref="Recorder"/>
/// writes segments beside it. Each step is one recorder file operation and one AgentLoop.Step.
/// Power cuts (<see cref="PowerLostException"/>, on the card or on a flash write) reboot the
/// device: a new AgentLoop is built on the same card and flash and started, and a failed Start
/// is retried at the next step, as the device's agent thread does. The recorder's own counter and
/// the server survive (they live elsewhere). The server's <see cref="ServerOracle"/> judges every
/// record that arrives; <see cref="AssertEverythingDelivered"/> judges the end.
/// </summary>
public sealed class AgentScenario
{
    public const string SpoolDirectory = "SPOOL";
    public const string SegmentDirectory = "REC";

    private const long RealTimeMs = TimeConstants.BuildFloorUnixMs + 300L * 86_400_000;
    private const long FirstMonotonicMs = 1000;
    private const int BusyStepMs = 10;

    private readonly ScenarioDevice _device;
    private readonly long _lowFreeBytes;
    private readonly long _criticalFreeBytes;
    private readonly AgentRig.FakeWallClock _wall = new(RealTimeMs);
    private readonly HashSet<long> _bootNumbers = new();
    private readonly Dictionary<string, byte[]> _recordBytesOnCard = new(StringComparer.OrdinalIgnoreCase);
    private readonly SpoolEntry _entry = new();
    private Recorder _recorder;
    private AgentLoop? _agent;
    private bool _started;
    private long _monotonicMs;
    private long _elapsedMs;

    public AgentScenario(ScenarioDevice device, SimulatedFatStore store, int segments, long lowFreeBytes = 0, long criticalFreeBytes = 0)
    {
        _device = device;
        Store = store;
        _lowFreeBytes = lowFreeBytes;
        _criticalFreeBytes = criticalFreeBytes;
        _recorder = new Recorder(store, segments);
        Oracle = new ServerOracle(FactsOf);
        Server = new InMemoryTusServer(device.Credentials.ReceiptKey, device.ReceiptCertificateDer, () => RealTimeMs + _elapsedMs) { Watcher = Oracle };
        store.OnAppend = WatchRecordWrites;
    }

    public SimulatedFatStore Store { get; }

    /// <summary>Recorder segment 0 as the recorder left it when power failed: the first <paramref name="bytes"/> bytes flushed under its temporary name.</summary>
    public void SeedOrphan(int bytes) => Store.Seed($"{SegmentDirectory}/00000000.TMP", Recorder.ContentOf(0)[..bytes]);

    /// <summary>The device's internal flash (time floor, boot counter): a cut write there loses power too.</summary>
    public MemoryRecordSlots Slots { get; } = new();

    public InMemoryTusServer Server { get; }

    public ServerOracle Oracle { get; }

    public RecordingLog Log { get; } = new();

    /// <summary>The agent of the current boot (null between a power cut and the next power-up).</summary>
    public AgentLoop? Agent => _agent;

    public int Boots { get; private set; }

    public int Steps { get; private set; }

    public int PowerCuts { get; private set; }

    /// <summary>Every status a Start returned other than Ok, in order.</summary>
    public List<AgentStartStatus> StartFailures { get; } = new();

    /// <summary>Every LED status the agent showed.</summary>
    public HashSet<AgentStatus> StatusesShown { get; } = new();

    /// <summary>Card write operations and flash writes done by each successful Start: (first card write, card writes, flash write index).</summary>
    public List<(int FirstWrite, int Writes, int FlashWrite)> StartWrites { get; } = new();

    /// <summary>Runs until everything recorded is uploaded and deleted, or <paramref name="maxSteps"/> pass; <paramref name="afterCut"/> runs at every power cut.</summary>
    public bool Run(int maxSteps, Action? afterCut = null)
    {
        for (int step = 0; step < maxSteps; step++)
        {
            Steps++;
            try
            {
                if (!StepOnce())
                {
                    return true;
                }
            }
            catch (PowerLostException)
            {
                PowerCuts++;
                Store.PowerOn();
                Slots.RestorePower();
                _agent = null;
                afterCut?.Invoke();
            }
        }

        return false;
    }

    /// <summary>One recorder operation and one agent step (or Start attempt); false when all is done.</summary>
    private bool StepOnce()
    {
        if (_agent == null)
        {
            PowerUp();
        }

        // The agent declares the recorder's hand-off before the recorder, just powered up too,
        // opens a file; a retried Start comes after recorder operations, as it can on the device.
        if (!_started)
        {
            Start();
            _recorder.Step(RecorderMayStart());
            return true;
        }

        bool recorderBusy = _recorder.Step(RecorderMayStart());
        int waitMs = _agent!.Step(_monotonicMs);
        StatusesShown.Add(_agent.Status);
        Advance(waitMs == 0 ? BusyStepMs : waitMs);
        return recorderBusy || _agent.Status != AgentStatus.Idle || Store.Paths.Any(p => p.StartsWith(SegmentDirectory + "/", StringComparison.Ordinal));
    }

    /// <summary>The recorder starts no segment while space is low (docs/agent-storage.md §2, rule 4); it measures the card itself.</summary>
    private bool RecorderMayStart() => _lowFreeBytes == 0 || Store.FreeBytesUncounted >= _lowFreeBytes;

    /// <summary>Power comes on: the recorder restarts (abandoning its open file) and a new AgentLoop is built on the same card and flash.</summary>
    private void PowerUp()
    {
        Boots++;
        _recorder = _recorder.Restarted();
        _started = false;
        _monotonicMs = FirstMonotonicMs;
        var platform = new AgentPlatform
        {
            Store = Store,
            Slots = new PowerCutSlots(Slots, Store),
            WallClock = _wall,
            Connector = Server,
            Link = new AgentRig.FakeLink(),
            Log = Log,
            Random = new AgentRig.FixedRandom(),
            Hmac = new HostHmacSha256Factory(),
            Signer = _device.Signer,
            ReceiptChecker = new PinnedReceiptChecker(_device.Credentials.ReceiptPublicKey, 0),
            SpoolDirectory = SpoolDirectory,
            SegmentDirectory = SegmentDirectory,
        };
        if (_criticalFreeBytes > 0)
        {
            platform.LowFreeBytes = _lowFreeBytes;
            platform.CriticalFreeBytes = _criticalFreeBytes;
        }

        _agent = new AgentLoop(platform, _device.Config);
    }

    private void Start()
    {
        int writesBefore = Store.WriteOperations;
        int flashBefore = Slots.Writes;
        AgentStartStatus status = _agent!.Start(_monotonicMs);
        if (status != AgentStartStatus.Ok)
        {
            Assert.NotEqual(AgentStartStatus.ChainStateCorrupt, status);
            StartFailures.Add(status);
            Advance(AgentConstants.IdleWaitMs);
            return;
        }

        _started = true;
        StartWrites.Add((writesBefore + 1, Store.WriteOperations - writesBefore, flashBefore));
        Assert.True(_bootNumbers.Add(_agent.BootCount), $"boot number {_agent.BootCount} taken by two boots");
        _agent.NotifyTimeSynced(_monotonicMs); // what the host's time service reports after Start
        CheckCardAfterBoot();
    }

    private void Advance(long ms)
    {
        _monotonicMs += ms;
        _elapsedMs += ms;
        _wall.AdvanceMs(ms);
    }

    private SpoolFacts? FactsOf(long sequence) =>
        _agent != null && _agent.Spool.Find(sequence, _entry) ? new SpoolFacts(_entry.RecorderSequence, _entry.Truncated) : null;

    /// <summary>
    /// A sequence number is signed once: whatever the cuts, every record frame ever written to
    /// the card for one number (even one later deleted, which FAT leaves readable) is the same.
    /// </summary>
    private void WatchRecordWrites(string path, byte[] bytes)
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
    }

    /// <summary>
    /// After every boot: a segment's content is gone only once the server issued its receipt, and
    /// every receipt the spool kept is the one the server issued for that record.
    /// </summary>
    private void CheckCardAfterBoot()
    {
        foreach (string path in Store.Paths.Where(p => p.StartsWith(SpoolDirectory + "/", StringComparison.Ordinal) && p.EndsWith(".RCP", StringComparison.Ordinal)))
        {
            // A receipt file is a frame (12-byte header) around a 14-byte record header and the receipt (docs/agent-storage.md §4, §7).
            long sequence = Convert.ToInt64(path[(SpoolDirectory.Length + 1)..^4], 16);
            byte[] frame = Store.Peek(path)!;
            int length = (frame[24] << 8) | frame[25];
            byte[]? issued = Server.StoredReceipt(Support.TestCredentials.DeviceId, sequence);
            Assert.True(issued != null && frame.AsSpan(26, length).SequenceEqual(issued), $"{path}: a receipt the server did not issue for record {sequence}");
        }

        foreach (long recorderSequence in _recorder.Written)
        {
            bool present = Store.Peek($"{SegmentDirectory}/{recorderSequence:D8}.SEG") != null
                || Store.Peek($"{SegmentDirectory}/{recorderSequence:D8}.TMP") != null;
            if (!present && _recorder.Finished.ContainsKey(recorderSequence))
            {
                Assert.True(Oracle.ReceiptedRecorderSequences.Contains(recorderSequence),
                    $"segment {recorderSequence} deleted without a receipt\n{Store.Describe()}");
            }
        }
    }

    /// <summary>Checks what the server holds once the run is over, and that the agent logged no error.</summary>
    public void AssertEverythingDelivered()
    {
        Oracle.AssertConsistent();
        foreach (var (recorderSequence, finished) in _recorder.Finished)
        {
            Assert.True(Oracle.CompleteContentOf(recorderSequence, out byte[] content), $"finished segment {recorderSequence} never delivered");
            Assert.Equal(finished, content);
        }

        Assert.Equal(0, _agent!.Spool.LiveCount);
        Assert.DoesNotContain(Store.Paths, path => path.StartsWith(SegmentDirectory + "/", StringComparison.Ordinal));
        Assert.DoesNotContain(Log.Lines, line => line.Level == LogLevel.Error && line.Message.Contains("refused", StringComparison.Ordinal));
    }

    /// <summary>Storage statuses the agent logged (the words in parentheses of its warnings).</summary>
    public IEnumerable<string> LoggedStatuses() =>
        Log.Lines.Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message)
            .SelectMany(m => new[] { "StorageFull", "IoError", "DeviceRemoved" }.Where(s => m.Contains("(" + s, StringComparison.Ordinal)));

    public override string ToString() =>
        $"steps {Steps}, boots {Boots}, cuts {PowerCuts}, server records {Oracle.Count}, start failures [{string.Join(",", StartFailures)}], last log: {Log.Lines.LastOrDefault().Message}";
}
