using System.Diagnostics;
using CamAgent.Core.Crypto;
using CamAgent.Core.Egress;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Storage;
using CamAgent.Core.Upload;
using CamAgent.Host.Platform;
using CamAgent.Host.Crypto;

namespace CamAgent.Benchmarks.Cpu;

/// <summary>
/// Host timings of the three hot spots, each the best of many short rounds after a warm-up (the
/// least disturbed by the other processes on a shared machine; the deterministic counts are the
/// figures that carry over to the device): CRC-32 per byte, managed SHA-256 per
/// 64-byte block, the sealer's fixed cost per record (manifest, COSE_Sign1, both digests; a signer
/// that does no work), and the client's fixed cost per PATCH exchange (head built and sent,
/// response parsed; 64-byte PATCHes to the in-process sink so the body costs nothing).
/// </summary>
internal static class HotSpotTimings
{
    private const int Rounds = 25;
    private const int SmallPatchBytes = 64;
    private const int SmallPatches = 1024;
    private static readonly TimeSpan RoundTime = TimeSpan.FromMilliseconds(20);

    public static double CrcNsPerByte()
    {
        byte[] frame = new byte[1024];
        new Random(3).NextBytes(frame);
        return BestNs(() => Crc32.Compute(frame, 0, frame.Length)) / frame.Length;
    }

    public static double Sha256NsPerBlock()
    {
        byte[] data = new byte[64 * 1024];
        byte[] digest = new byte[Sha256.DigestSizeBytes];
        var sha = new Sha256();
        return BestNs(() =>
        {
            sha.Update(data, 0, data.Length);
            sha.Final(digest, 0);
        }) / ((data.Length / 64) + 1);
    }

    public static double SealerFixedUs(byte[] certificate)
    {
        var sealer = new Sealer(new HostHmacSha256Factory(), new IdleSigner(), certificate, "cam-bench", ContentDigest.DefaultChunkSizeBytes);
        byte[] output = new byte[sealer.MaxRecordBytes];
        var record = new Manifest { Event = ContinuityEvent.RecordingStart, ClockState = ClockState.Invalid };
        var chain = new ChainState();
        return BestNs(() => sealer.SealContinuity(record, chain, output, 0, output.Length, out _)) / 1000;
    }

    public static double PatchFixedUs()
    {
        var sink = new TusSink();
        sink.Prepare((long)SmallPatchBytes * SmallPatches, SmallPatchBytes, [0]);
        var log = new TextLogSink(TextWriter.Null, LogLevel.Error);
        var options = new TusClientOptions { ChunkSizeBytes = SmallPatchBytes, PatchSizeBytes = SmallPatchBytes };
        var client = new TusClient(new AgencyEndpoint(sink, "ingest.test", log), new IdleReceiptChecker(), new SystemRandomSource(), new SystemWallClock(), log, options);
        byte[] content = new byte[SmallPatchBytes * SmallPatches];
        byte[] manifest = new byte[400];
        double best = double.MaxValue;
        for (int round = 0; round < Rounds / 3; round++)
        {
            client.Begin(new UploadJob(1, manifest, 0, manifest.Length, new MemoryStream(content, writable: false), content.Length));
            client.Step();
            long started = Stopwatch.GetTimestamp();
            for (int i = 1; i < SmallPatches; i++)
            {
                client.Step();
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMicroseconds / (SmallPatches - 1));
        }

        return best;
    }

    // Best of the rounds, each as many calls as fit in RoundTime; the first rounds warm the JIT up.
    private static double BestNs(Action run)
    {
        double best = double.MaxValue;
        for (int round = 0; round < Rounds + 2; round++)
        {
            long calls = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < RoundTime)
            {
                run();
                calls++;
            }

            best = Math.Min(best, watch.Elapsed.TotalNanoseconds / calls);
        }

        return best;
    }

    /// <summary>A signer that does no work: the sealer's own cost is what is timed.</summary>
    private sealed class IdleSigner : ISigner
    {
        public SignerKind Kind => SignerKind.SecureElement;

        public SignerStatus GetPublicKey(byte[] publicKey, int offset) => SignerStatus.Ok;

        public SignerStatus SignDigest(byte[] digest, int digestOffset, byte[] signature, int signatureOffset) => SignerStatus.Ok;
    }

    /// <summary>The timed PATCHes never reach the end of the content, so no receipt is checked.</summary>
    private sealed class IdleReceiptChecker : IReceiptChecker
    {
        public ReceiptCheckStatus Check(UploadJob job, byte[] receipt, int offset, int count) => ReceiptCheckStatus.Valid;
    }
}
