using System.Globalization;
using CamAgent.Core.Upload;

namespace CamAgent.Benchmarks.Cpu;

/// <summary>
/// The device CPU budget of one segment (docs/device-build.md, "Device CPU budget"): a 60 s
/// segment at 4 Mbit/s (30,000,000 bytes, 16 KiB chunks, 256 KiB PATCHes) sealed, spooled and
/// uploaded by the agent's own stages. Prints the deterministic per-byte work of the managed code
/// (CRC-32, SHA-256, request heads), the journal writes, the allocations, the host timings of the
/// hot spots, and the nanoCLR estimate of <see cref="NanoClrModel"/>.
/// </summary>
public static class CpuBudgetBenchmark
{
    /// <summary>4 Mbit/s for 60 s.</summary>
    private const int SegmentBytes = 30_000_000;

    // The first segments create the spool's directories, persist the time floor for the first
    // time and let the runtime settle (the second still allocates 24 bytes less than every later
    // one); the last two are the steady state, and must count the same.
    private const int Segments = 4;

    public static void Run(TextWriter output)
    {
        var options = new TusClientOptions();
        byte[] content = new byte[SegmentBytes];
        new Random(7).NextBytes(content);
        output.WriteLine();
        output.WriteLine($"Device CPU budget: one segment of {SegmentBytes:N0} bytes, {Chunks(SegmentBytes, options.ChunkSizeBytes)} chunks of {options.ChunkSizeBytes / 1024} KiB, " +
            $"{Chunks(SegmentBytes, options.PatchSizeBytes)} PATCHes of {options.PatchSizeBytes / 1024} KiB");
        PhaseWork seal;
        PhaseWork upload;
        int recordBytes;
        int certificateBytes;
        using (var rig = new SegmentRig(content, options))
        {
            (PhaseWork Seal, PhaseWork Upload) previous = rig.RunSegment();
            (PhaseWork Seal, PhaseWork Upload) last = previous;
            for (int i = 1; i < Segments; i++)
            {
                previous = last;
                last = rig.RunSegment();
            }

            if (!previous.Seal.SameCounts(last.Seal) || !previous.Upload.SameCounts(last.Upload))
            {
                throw new InvalidOperationException($"cpu benchmark: two steady-state segments counted different work: {previous} {last}");
            }

            (seal, upload) = last;
            recordBytes = rig.RecordBytes;
            certificateBytes = rig.Certificate.Length;
        }

        output.WriteLine($"  record {recordBytes} bytes (device certificate placeholder of {certificateBytes} bytes); counts of the steady-state segment, identical in two runs");
        output.WriteLine($"  {"per segment",-44} {"seal+spool",12} {"upload",12} {"total",12}");
        Row(output, "CRC-32 bytes", seal, upload, w => w.Crc32Bytes);
        Row(output, "managed SHA-256 bytes", seal, upload, w => w.Sha256Bytes);
        Row(output, "managed SHA-256 blocks", seal, upload, w => w.Sha256Blocks);
        Row(output, "requests", seal, upload, w => w.Requests);
        Row(output, "request-head bytes built", seal, upload, w => w.HeadBytes);
        Row(output, "  per-character steps building them", seal, upload, w => w.HeadCharSteps);
        Row(output, "response-head bytes parsed", seal, upload, w => w.ResponseHeadBytes);
        Row(output, "  string characters read matching their fields", seal, upload, w => w.ResponseStringSteps);
        Row(output, "journal writes", seal, upload, w => w.JournalWrites);
        Row(output, "journal bytes", seal, upload, w => w.JournalBytes);
        Row(output, "bytes allocated by Core", seal, upload, w => w.CoreAllocatedBytes);
        Row(output, "bytes allocated by the host file store", seal, upload, w => w.AdapterAllocatedBytes);
        output.WriteLine($"  {"host time incl. file I/O and ECDSA (ms)",-44} {seal.HostMs,12:F1} {upload.HostMs,12:F1} {seal.HostMs + upload.HostMs,12:F1}");
        output.WriteLine("  managed HMAC-SHA256 bytes: 0 (content HMAC is native; the managed HMAC runs only in the software signer's RFC 6979 nonce)");

        byte[] certificate = new byte[certificateBytes];
        output.WriteLine("  host timings of the hot spots (best of 25 short rounds):");
        output.WriteLine(Line("CRC-32", HotSpotTimings.CrcNsPerByte(), "ns per byte"));
        output.WriteLine(Line("managed SHA-256", HotSpotTimings.Sha256NsPerBlock(), "ns per 64-byte block"));
        output.WriteLine(Line("sealer fixed cost (no-op signer)", HotSpotTimings.SealerFixedUs(certificate), "us per record"));
        output.WriteLine(Line("client fixed cost per PATCH exchange", HotSpotTimings.PatchFixedUs(), "us"));
        NanoClrModel.Print(output, seal.Plus(upload), Chunks(SegmentBytes, options.PatchSizeBytes));
    }

    private static int Chunks(long length, int size) => (int)((length + size - 1) / size);

    private static void Row(TextWriter output, string what, PhaseWork seal, PhaseWork upload, Func<PhaseWork, long> value) =>
        output.WriteLine($"  {what,-44} {value(seal),12:N0} {value(upload),12:N0} {value(seal) + value(upload),12:N0}");

    private static string Line(string what, double value, string unit) =>
        $"    {what,-42} {value.ToString("F2", CultureInfo.InvariantCulture),10} {unit}";
}
