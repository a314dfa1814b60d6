using System.Diagnostics;
using CamAgent.Core.Agent;
using CamAgent.Core.Egress;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Segments;
using CamAgent.Core.Spool;
using CamAgent.Core.Time;
using CamAgent.Core.Upload;
using CamAgent.Host.Platform;
using CamAgent.Host.Crypto;
using CamAgent.Host.Persistence;
using CamAgent.Host.Storage;

namespace CamAgent.Benchmarks.Cpu;

/// <summary>
/// The device agent's own per-segment path, built from Core's parts on host adapters: the
/// recorder's segment on a card folder, <see cref="SealStage"/> (Sealer, Spool commit with its
/// write-ahead journal), then <see cref="UploadStage"/> (Spool manifest read, TusClient PATCHes
/// with the agent's progress journal every 1 MiB, receipt check against the pinned key, receipt
/// commit, time floor, deletion) against the in-process <see cref="TusSink"/>. The signer is the
/// host's (a secure element's work is not the interpreter's), the content HMAC the host's
/// (native on the device). Everything the interpreter would run is Core's code.
/// </summary>
internal sealed class SegmentRig : IDisposable
{
    private const string DeviceId = "cam-bench";
    private const string AgencyHost = "ingest.test";
    private const int MaxBackoffMs = 60_000;
    private const long SegmentSpacingMs = 60_000;

    // docs/evidence-format.md: a P-256 device certificate is about 500 bytes. Records carry it as
    // opaque x5chain bytes and the sink does not check it, so a fixed placeholder of that size
    // keeps every count identical from run to run (a real certificate's DER length varies with
    // its signature).
    private const int CertificateBytes = 500;

    private readonly string _root;
    private readonly CountingFileStore _store;
    private readonly Spool _spool;
    private readonly SealStage _seal;
    private readonly UploadStage _upload;
    private readonly TusSink _sink = new();
    private readonly ReceiptFactory _receipts = new();
    private readonly HostEcdsaSigner _signer = HostEcdsaSigner.CreateRandom();
    private readonly byte[] _content;
    private readonly byte[] _record = new byte[8192];
    private long _nowMs = 1;
    private int _recorderSequence;
    private long _serverTimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public SegmentRig(byte[] content, TusClientOptions options)
    {
        _content = content;
        _root = Directory.CreateTempSubdirectory("camagent-bench-cpu-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "card", "REC"));
        _store = new CountingFileStore(new HostFileStore(Path.Combine(_root, "card")));
        _spool = new Spool(_store, "SPOOL", "REC");
        var recovery = new RecoveryReport();
        Check(_spool.Recover(recovery) == SpoolStatus.Ok, "spool recovery");
        var floor = new TimeFloor(new FileRecordSlots(Path.Combine(_root, "flash")));
        floor.Load();
        var clock = new ClockMonitor(floor);
        clock.Observe(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _nowMs);
        var log = new TextLogSink(Console.Error, LogLevel.Error);
        Certificate = new byte[CertificateBytes];
        new Random(11).NextBytes(Certificate);
        var sealer = new Sealer(new HostHmacSha256Factory(), _signer, Certificate, DeviceId, options.ChunkSizeBytes);
        _seal = new SealStage(_spool, new SegmentSource(_store, "REC"), _store, sealer, clock, new ContinuityQueue(), log);
        Check(_seal.Start(recovery), "seal stage start");
        var client = new TusClient(new AgencyEndpoint(_sink, AgencyHost, log), new PinnedReceiptChecker(_receipts.PublicKey, 0),
            new SystemRandomSource(), new SystemWallClock(), log, options);
        _upload = new UploadStage(_spool, client, clock, log, MaxBackoffMs);
        PatchSizeBytes = options.PatchSizeBytes;
    }

    /// <summary>The certificate placeholder carried in every record.</summary>
    public byte[] Certificate { get; }

    public int PatchSizeBytes { get; }

    /// <summary>Bytes of the last sealed record (COSE_Sign1).</summary>
    public int RecordBytes { get; private set; }

    /// <summary>Records the recorder's next segment, seals it and uploads it; returns the work of each phase.</summary>
    public (PhaseWork Seal, PhaseWork Upload) RunSegment()
    {
        _recorderSequence++;
        File.WriteAllBytes(Path.Combine(_root, "card", "REC", $"{_recorderSequence:D8}.SEG"), _content);

        var start = PhaseWork.Snapshot.Take(_store, _sink);
        var watch = Stopwatch.StartNew();
        Check(_seal.SealNext() == SealOutcome.Sealed, "seal");
        PhaseWork seal = PhaseWork.Since(start, _store, _sink, watch.Elapsed.TotalMilliseconds);

        PrepareServer();
        start = PhaseWork.Snapshot.Take(_store, _sink);
        watch.Restart();
        int completed = _upload.Completed;
        while (_upload.Completed == completed)
        {
            _nowMs++;
            Check(_upload.Advance(_nowMs) == UploadOutcome.Progress, "upload step");
        }

        PhaseWork upload = PhaseWork.Since(start, _store, _sink, watch.Elapsed.TotalMilliseconds);
        Check(seal.HeadBytes == seal.PortHeadBytes && upload.HeadBytes == upload.PortHeadBytes, "head bytes counted at the writer and at the port");
        return (seal, upload);
    }

    public void Dispose()
    {
        _receipts.Dispose();
        _signer.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    // The server's side, outside the counting windows: the receipt for the record just sealed.
    private void PrepareServer()
    {
        Check(_spool.GetOldest(new SpoolEntry()), "sealed record in the spool");
        Check(_spool.ReadManifest(_spool.ChainHeadSequence, _record, 0, out int count) == SpoolStatus.Ok, "manifest read");
        RecordBytes = count;
        _serverTimeMs += SegmentSpacingMs;
        _sink.Prepare(_content.Length, PatchSizeBytes, _receipts.Issue(_record[..count], _serverTimeMs));
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"cpu benchmark: {what} failed");
        }
    }
}
