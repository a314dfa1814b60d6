using System.Globalization;

namespace CamAgent.Benchmarks.Cpu;

/// <summary>
/// Turns the deterministic counts into nanoCLR time (docs/device-build.md, "Device CPU budget").
/// nanoCLR interprets IL one instruction at a time, so its cost is roughly proportional to the IL
/// instructions executed. The rate is calibrated on the bit-by-bit CRC-32 measured on nanoCLR
/// (x86-64 build): 0.66 ms per KiB with 163 IL instructions per byte (no calls, no allocation)
/// gives 3.95 ns per instruction; the managed SHA-256 measured in the sealer (about 73 us per
/// block at 17,477 instructions, callee bodies included) agrees within 10 %. Characters read
/// from strings are priced per step instead: nanoCLR's string indexer is a native call over a
/// UTF-8 string, not one instruction, so the measured 130 us per PATCH head divided by the old
/// writer's 345 steps per PATCH head of this benchmark's shape gives the price of a step (the
/// request-head steps now left are mostly digits and base64, cheaper than that: the estimate
/// errs high). Response bytes are priced by the IL of the scanner and parser per byte. The IL
/// counts per unit are those of the code as committed, read from its Release IL listing.
/// </summary>
internal static class NanoClrModel
{
    /// <summary>ns per IL instruction on nanoCLR, x86-64 build: 0.66 ms / 1,024 bytes / 163 instructions per byte.</summary>
    private const double NsPerIlInstruction = 660_000.0 / 1024 / 163;

    /// <summary>IL instructions per byte of <c>Crc32.Compute</c>: 65 per pass of four bytes (the at most three bytes after the last pass take 20 each).</summary>
    private const double Crc32IlPerByte = 65.0 / 4;

    /// <summary>IL instructions per 64-byte block of the managed SHA-256: schedule 4,169, rounds 5,592, the rest of the compression 114; the copy into the block adds a few dozen.</summary>
    private const double Sha256IlPerBlock = 9_900;

    /// <summary>ns per character step (string read, digit, base64 character) building a request head or matching a response field: 130 us / 345 steps of the old PATCH head.</summary>
    private const double NsPerCharStep = 130_000.0 / 345;

    /// <summary>IL instructions per response-head byte: line scanner 25, name or value check 13-16 (line ends come from the scanner).</summary>
    private const double ResponseIlPerByte = 40;

    /// <summary>ESP32 is 215-580 times slower than nanoCLR on an x86-64 server.</summary>
    private const double Esp32FactorLow = 215;
    private const double Esp32FactorHigh = 580;

    public static void Print(TextWriter output, PhaseWork segment, int patches)
    {
        double crc = Ms(segment.Crc32Bytes * Crc32IlPerByte * NsPerIlInstruction);
        double sha = Ms(segment.Sha256Blocks * Sha256IlPerBlock * NsPerIlInstruction);
        double heads = Ms(segment.HeadCharSteps * NsPerCharStep);
        double fields = Ms(segment.ResponseStringSteps * NsPerCharStep);
        double responses = Ms(segment.ResponseHeadBytes * ResponseIlPerByte * NsPerIlInstruction);
        output.WriteLine($"  nanoCLR estimate of the counted per-byte work per segment ({NsPerIlInstruction:F2} ns per IL instruction, {NsPerCharStep:F0} ns per character step):");
        output.WriteLine(Line("CRC-32", crc, $"{segment.Crc32Bytes:N0} bytes x {Crc32IlPerByte:F2} IL"));
        output.WriteLine(Line("managed SHA-256", sha, $"{segment.Sha256Blocks:N0} blocks x {Sha256IlPerBlock:N0} IL"));
        output.WriteLine(Line("request heads", heads, $"{segment.HeadCharSteps:N0} steps ({patches} PATCHes)"));
        output.WriteLine(Line("response fields matched", fields, $"{segment.ResponseStringSteps:N0} string characters read"));
        output.WriteLine(Line("response heads parsed", responses, $"{segment.ResponseHeadBytes:N0} bytes x {ResponseIlPerByte:F0} IL"));
        double total = crc + sha + heads + fields + responses;
        output.WriteLine(Line("together", total, $"ESP32: {total * Esp32FactorLow / 1000:F1}-{total * Esp32FactorHigh / 1000:F1} s per segment"));
    }

    private static double Ms(double ns) => ns / 1e6;

    private static string Line(string what, double ms, string basis) =>
        $"    {what,-24} {ms.ToString("F2", CultureInfo.InvariantCulture),8} ms   {basis}";
}
