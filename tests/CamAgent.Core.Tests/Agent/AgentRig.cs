using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Agent;
using CamAgent.Core.Config;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.Config;
using CamAgent.Core.Tests.Fakes;
using CamAgent.Core.Tests.Support;
using CamAgent.Core.Time;
using CamAgent.Host.Crypto;
using CamAgent.Host.Storage;

namespace CamAgent.Core.Tests.Agent;

/// <summary>
/// A whole device on the host: a real SD-card folder (host file store), a recorder that writes
/// and renames segment files, the real spool, sealer, upload client and egress gate, a clock the
/// test drives (wall and monotonic), a Wi-Fi link the test switches, and the behavioural ingest
/// server. Drive it with <see cref="Run"/>.
/// </summary>
public sealed class AgentRig : IDisposable
{
    public const string SegmentDir = "SEG";
    public const string SpoolDir = "SPOOL";
    public const long RealTimeMs = TimeConstants.BuildFloorUnixMs + 300L * 86_400_000;

    private readonly string _root = Directory.CreateTempSubdirectory("camagent-agent-").FullName;
    private readonly long _trueTimeStartMs;
    private long _recorderSequence;
    private long _elapsedMs;

    public AgentRig(CredentialsFixture fixture, long wallStartMs = RealTimeMs, MemoryRecordSlots? slots = null, ECDsa? serverReceiptKey = null)
    {
        Credentials = fixture.Credentials;
        byte[] text = Credentials.ValidText();
        Config = fixture.Validator.Validate(text, 0, text.Length).Config;
        Slots = slots ?? new MemoryRecordSlots();
        Wall = new FakeWallClock(wallStartMs);
        Directory.CreateDirectory(Path.Combine(_root, SegmentDir));
        Directory.CreateDirectory(Path.Combine(_root, SpoolDir));
        ECDsa signingKey = serverReceiptKey ?? Credentials.ReceiptKey;
        using var receiptCert = new CertificateRequest("CN=receipts", signingKey, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));
        _trueTimeStartMs = wallStartMs < TimeConstants.BuildFloorUnixMs ? RealTimeMs : wallStartMs;
        Server = new InMemoryTusServer(signingKey, receiptCert.RawData, () => TrueTimeMs);
        Checker = new CountingChecker(new CamAgent.Core.Upload.PinnedReceiptChecker(Credentials.ReceiptPublicKey, 0));
        Boot();
    }

    public TestCredentials Credentials { get; }

    public DeviceConfig Config { get; }

    public MemoryRecordSlots Slots { get; }

    public FakeWallClock Wall { get; }

    public FakeLink Link { get; } = new();

    public InMemoryTusServer Server { get; }

    public CountingChecker Checker { get; }

    public RecordingLog Log { get; } = new();

    public AgentLoop Agent { get; private set; } = null!;

    public long MonotonicMs { get; private set; }

    /// <summary>What the agency server's clock says (the device's wall clock may be wrong).</summary>
    public long TrueTimeMs => _trueTimeStartMs + _elapsedMs;

    /// <summary>Content of every segment the recorder finished, by recorder sequence.</summary>
    public Dictionary<long, byte[]> Recorded { get; } = new();

    public List<AgentStatus> Statuses { get; } = new();

    /// <summary>
    /// When the loop has nothing to do, wait at least this long (the caller may wait longer than
    /// asked; the device waits exactly what is asked). Long simulated outages use a stride to stay fast.
    /// </summary>
    public long IdleStrideMs { get; set; }

    /// <summary>Power cycle: a new agent on the same card and flash; monotonic ticks restart.</summary>
    public AgentStartStatus Boot()
    {
        var platform = new AgentPlatform
        {
            Store = new HostFileStore(_root),
            Slots = Slots,
            WallClock = Wall,
            Connector = Server,
            Link = Link,
            Log = Log,
            Random = new FixedRandom(),
            Hmac = new HostHmacSha256Factory(),
            Signer = new DotNetP256Signer(Credentials.DevicePrivateScalar),
            ReceiptChecker = Checker,
            SpoolDirectory = SpoolDir,
            SegmentDirectory = SegmentDir,
        };
        Agent = new AgentLoop(platform, Config);
        MonotonicMs = 1000;
        AgentStartStatus status = Agent.Start(MonotonicMs);
        if (Wall.NowUnixMs >= TimeConstants.BuildFloorUnixMs)
        {
            Agent.NotifyTimeSynced(MonotonicMs); // what the SNTP adapter does once Sntp.UpdateNow() succeeded
        }

        return status;
    }

    /// <summary>The recorder writes a segment under its temporary name and renames it when closed.</summary>
    public long RecordSegment(int lengthBytes, bool finish = true)
    {
        long sequence = ++_recorderSequence;
        byte[] content = new byte[lengthBytes];
        new Random((int)sequence).NextBytes(content);
        string temp = Path.Combine(_root, SegmentDir, $"{sequence:D8}.TMP");
        File.WriteAllBytes(temp, content);
        if (finish)
        {
            File.Move(temp, Path.ChangeExtension(temp, "SEG"));
        }

        Recorded[sequence] = content;
        return sequence;
    }

    /// <summary>The folder that stands for the SD card.</summary>
    public string CardRoot => _root;

    public string[] SegmentFilesOnCard() => FilesOnCard(SegmentDir);

    public string[] FilesOnCard(string directory) => Directory.GetFiles(Path.Combine(_root, directory)).Select(Path.GetFileName).Order().ToArray()!;

    public byte[] ReadOnCard(string directory, string name) => File.ReadAllBytes(Path.Combine(_root, directory, name));

    /// <summary>Runs the loop for <paramref name="durationMs"/> of device time; the clocks advance by what the loop asks to wait (10 ms per busy step).</summary>
    public void Run(long durationMs, Action<AgentRig>? everyStep = null)
    {
        long end = MonotonicMs + durationMs;
        while (MonotonicMs < end)
        {
            int waitMs = Agent.Step(MonotonicMs);
            Statuses.Add(Agent.Status);
            everyStep?.Invoke(this);
            long advance = waitMs == 0 ? 10 : Math.Max(waitMs, IdleStrideMs);
            MonotonicMs += advance;
            _elapsedMs += advance;
            Wall.AdvanceMs(advance);
        }
    }

    /// <summary>Runs until nothing waits (or the cap), returning the device time it took.</summary>
    public long RunUntilIdle(long capMs = 3_600_000)
    {
        long start = MonotonicMs;
        Run(20);
        while (Agent.Status != AgentStatus.Idle && MonotonicMs - start < capMs)
        {
            Run(1000);
        }

        return MonotonicMs - start;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public sealed class FakeWallClock(long startUnixMs) : IWallClock
    {
        public long NowUnixMs { get; set; } = startUnixMs;

        public DateTime UtcNow => DateTime.UnixEpoch.AddMilliseconds(NowUnixMs);

        public void AdvanceMs(long ms) => NowUnixMs += ms;
    }

    public sealed class FakeLink : INetworkLink
    {
        public bool IsUp { get; set; } = true;
    }

    /// <summary>Jitter is an argument: a fixed value makes back-off sequences exact.</summary>
    public sealed class FixedRandom : IRandomSource
    {
        public void Fill(byte[] buffer, int offset, int count) => Array.Fill(buffer, (byte)0x80, offset, count);
    }
}

/// <summary>Counts the checks the real checker makes.</summary>
public sealed class CountingChecker(CamAgent.Core.Upload.IReceiptChecker inner) : CamAgent.Core.Upload.IReceiptChecker
{
    public int Checks { get; private set; }

    public CamAgent.Core.Upload.ReceiptCheckStatus Check(CamAgent.Core.Upload.UploadJob job, byte[] receipt, int offset, int count)
    {
        Checks++;
        return inner.Check(job, receipt, offset, count);
    }
}
