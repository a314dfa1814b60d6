using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace CamAgent.Cli.Tests.Egress;

/// <summary>
/// The audit streams: its peak memory depends on the flows in a capture, not on its size. The default
/// run audits a 128 MiB capture; CAMAGENT_SOAK=1 a 1 GiB one (the figure in docs/agency-network.md);
/// CAMAGENT_AUDIT_CAPTURE_MIB sets any size.
/// </summary>
public sealed class AuditMemoryTests(ITestOutputHelper output)
{
    private const int Flows = 2_000;
    private const int SegmentPayloadBytes = 1_400;
    private const long PeakLimitBytes = 256L * 1024 * 1024;

    private static long CaptureBytes()
    {
        string? mib = Environment.GetEnvironmentVariable("CAMAGENT_AUDIT_CAPTURE_MIB");
        if (mib is not null)
        {
            return long.Parse(mib, CultureInfo.InvariantCulture) * 1024 * 1024;
        }

        return Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1" ? 1024L * 1024 * 1024 : 128L * 1024 * 1024;
    }

    [Fact]
    public void Peak_Memory_Of_An_Audit_Stays_Under_256_MiB_Whatever_The_Capture_Size()
    {
        using var work = new TempFolder();
        string file = work.Combine("large.pcap");
        long size = Generate(file, CaptureBytes());

        var clock = Stopwatch.StartNew();
        CamAgentProcess.Result result = CamAgentProcess.Run(work.Path, "egress", "audit", "--capture", file, "--agency-host", "ingest.agency.example", "--camera-net", "10.20.0.0/16", "--agency-address", "198.51.100.10", "--json");
        clock.Stop();

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using JsonDocument report = JsonDocument.Parse(result.Output);
        long peak = report.RootElement.GetProperty("peakWorkingSetBytes").GetInt64();
        long frames = report.RootElement.GetProperty("frames").GetInt64();
        output.WriteLine($"audit of a {size / (1024 * 1024)} MiB capture ({frames} frames, {Flows} flows): peak working set {peak / (1024 * 1024)} MiB, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(Flows, report.RootElement.GetProperty("flows").GetArrayLength());
        Assert.True(peak < PeakLimitBytes, $"peak working set {peak} bytes");
    }

    // Flows to the agency on 443, each opened with a ClientHello, then filled round-robin with full segments until the file has the size.
    private static long Generate(string file, long bytes)
    {
        var start = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        byte[] hello = ClientHelloBytes.With("ingest.agency.example");
        byte[] payload = new byte[SegmentPayloadBytes];
        Random.Shared.NextBytes(payload);
        uint[] next = new uint[Flows];
        using var capture = new CaptureFileWriter(file, pcapng: false);
        for (int f = 0; f < Flows; f++)
        {
            capture.Tcp(start, Camera(f), 40000 + (f % 20000), "198.51.100.10", 443, 1, hello);
            next[f] = 1 + (uint)hello.Length;
        }

        long packet = 0;
        while (capture.Length < bytes)
        {
            int f = (int)(packet++ % Flows);
            capture.Tcp(start.AddTicks(packet * 10), Camera(f), 40000 + (f % 20000), "198.51.100.10", 443, next[f], payload);
            next[f] += SegmentPayloadBytes;
        }

        return capture.Length;
    }

    private static string Camera(int flow) => $"10.20.{flow / 200}.{1 + (flow % 200)}";
}
