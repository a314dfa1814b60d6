using System.Diagnostics;
using CamAgent.Core.Segments;
using CamAgent.Core.Spool;
using CamAgent.Host.Storage;

namespace CamAgent.Benchmarks;

/// <summary>
/// Cost of the spool's power-loss safety on a real host folder (fsync on every commit): time,
/// file operations, flushes and bytes written per record through its whole life
/// (reserve, commit, four upload-progress saves, receipt, delete), and recovery time with a
/// full live table. On the device each flush is an SD-card sync, so the operation counts are
/// the figures that carry over.
/// </summary>
public static class SpoolBenchmark
{
    private const int Records = 200;
    private const int ProgressSavesPerRecord = 4;
    private const int SegmentBytes = 64 * 1024;
    private const int ManifestBytes = 1100;
    private const int ReceiptBytes = 900;
    private const int ChainStateBytes = 32;

    public static void Run(TextWriter output)
    {
        string root = Directory.CreateTempSubdirectory("camagent-spool-bench-").FullName;
        try
        {
            Lifecycle(root, output);
            Recovery(root, output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Lifecycle(string root, TextWriter output)
    {
        var store = new CountingFileStore(new HostFileStore(root));
        var spool = new Spool(store, "SPOOL", "REC");
        spool.Recover(new RecoveryReport());
        Directory.CreateDirectory(Path.Combine(root, "REC"));
        var source = new SegmentSource(store, "REC");
        var segment = new SegmentFile();
        byte[] manifest = new byte[ManifestBytes];
        byte[] chain = new byte[ChainStateBytes];
        byte[] receipt = new byte[ReceiptBytes];
        byte[] content = new byte[SegmentBytes];

        var clock = new Stopwatch();
        long writes = 0, flushes = 0, bytes = 0, allocated = 0;
        for (int n = 1; n <= Records; n++)
        {
            File.WriteAllBytes(Path.Combine(root, "REC", $"{n:D8}.SEG"), content);
            long writesBefore = store.WriteOperations, flushesBefore = store.Flushes, bytesBefore = store.BytesAppended;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            clock.Start();
            Check(source.FindNext(spool.HighestSealedRecorderSequence, segment, out bool found) == CamAgent.Core.Platform.StoreStatus.Ok && found);
            Check(spool.ReserveSequence(out long sequence) == SpoolStatus.Ok);
            Check(spool.CommitSealed(sequence, segment, segment.LengthBytes, manifest, 0, manifest.Length, chain, 0, chain.Length) == SpoolStatus.Ok);
            for (int p = 1; p <= ProgressSavesPerRecord; p++)
            {
                Check(spool.RecordUploadProgress(sequence, SegmentBytes * p / ProgressSavesPerRecord) == SpoolStatus.Ok);
            }

            Check(spool.CommitReceipt(sequence, receipt, 0, receipt.Length) == SpoolStatus.Ok);
            Check(spool.DeleteReceipted(sequence) == SpoolStatus.Ok);
            clock.Stop();
            allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            writes += store.WriteOperations - writesBefore;
            flushes += store.Flushes - flushesBefore;
            bytes += store.BytesAppended - bytesBefore;
        }

        output.WriteLine($"spool: buffers {spool.BufferBytes} bytes (allocated once)");
        output.WriteLine($"spool: per record life on a host folder with fsync: {clock.Elapsed.TotalMilliseconds / Records:F2} ms, " +
            $"{(double)writes / Records:F1} file operations, {(double)flushes / Records:F1} flushes, {(double)bytes / Records:F0} bytes written, " +
            $"{(double)allocated / Records:F0} bytes allocated (host adapter included)");
    }

    private static void Recovery(string root, TextWriter output)
    {
        var spool = new Spool(new HostFileStore(root), "SPOOL2", "REC2");
        spool.Recover(new RecoveryReport());
        Directory.CreateDirectory(Path.Combine(root, "REC2"));
        byte[] manifest = new byte[ManifestBytes];
        byte[] chain = new byte[ChainStateBytes];
        var segment = new SegmentFile();
        var source = new SegmentSource(new HostFileStore(root), "REC2");
        for (int n = 1; n <= SpoolConstants.MaxLiveRecords; n++)
        {
            File.WriteAllBytes(Path.Combine(root, "REC2", $"{n:D8}.SEG"), new byte[16]);
            Check(source.FindNext(n - 1, segment, out bool found) == CamAgent.Core.Platform.StoreStatus.Ok && found);
            Check(spool.ReserveSequence(out long sequence) == SpoolStatus.Ok);
            Check(spool.CommitSealed(sequence, segment, segment.LengthBytes, manifest, 0, manifest.Length, chain, 0, chain.Length) == SpoolStatus.Ok);
        }

        var report = new RecoveryReport();
        var clock = Stopwatch.StartNew();
        var rebooted = new Spool(new HostFileStore(root), "SPOOL2", "REC2");
        Check(rebooted.Recover(report) == SpoolStatus.Ok && report.LiveRecords == SpoolConstants.MaxLiveRecords);
        clock.Stop();
        output.WriteLine($"spool: recovery with {report.LiveRecords} live records: {clock.Elapsed.TotalMilliseconds:F1} ms on the host");
    }

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("spool benchmark step failed");
        }
    }
}
