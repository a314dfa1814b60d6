using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace CamAgent.Cli.Tests;

/// <summary>tcpdump on one interface; lists every destination the camera sent a packet to.</summary>
public sealed partial class PacketCapture : IDisposable
{
    private readonly Process _process;
    private readonly string _file;

    private PacketCapture(Process process, string file)
    {
        _process = process;
        _file = file;
    }

    /// <summary>Starts tcpdump, or prints that it is missing and returns null (connections are still counted at the listener).</summary>
    public static PacketCapture? TryStart(string interfaceName, ITestOutputHelper output)
    {
        if (NetNamespace.Run("sh", "-c \"command -v tcpdump\"").Exit != 0)
        {
            output.WriteLine("tcpdump not installed (apt-get install tcpdump): relying on the listener's counts only.");
            return null;
        }

        string file = Path.Combine(Path.GetTempPath(), $"camagent-{Guid.NewGuid():N}.pcap");
        // Immediate mode: without it packets wait in the kernel's ring until a block times out, and
        // a run shorter than that timeout would be captured as nothing when the capture stops.
        var start = new ProcessStartInfo("tcpdump", $"-i {interfaceName} -n -U --immediate-mode -w {file}") { RedirectStandardError = true, RedirectStandardOutput = true };
        Process process = Process.Start(start)!;
        // tcpdump says "listening on" once the capture is armed.
        string? line = process.StandardError.ReadLine();
        output.WriteLine("tcpdump: " + line);
        return new PacketCapture(process, file);
    }

    /// <summary>Stops the capture and returns "address.port" of every packet sent by <paramref name="source"/>.</summary>
    public List<string> StopAndListDestinations(IPAddress source) => StopAndSummarize(source).Destinations.ToList();

    /// <summary>Stops the capture and summarises every IPv4 packet sent by <paramref name="source"/>.</summary>
    public CaptureSummary StopAndSummarize(IPAddress source)
    {
        NetNamespace.Run("kill", $"-INT {_process.Id}");
        _process.WaitForExit(5000);
        (int _, string text, string _) = NetNamespace.Run("tcpdump", $"-r {_file} -n ip and src host {source}");
        var destinations = new List<string>();
        int packets = 0;
        int connections = 0;
        long payloadBytes = 0;
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Match destination = Destination().Match(line);
            if (!destination.Success)
            {
                continue;
            }

            packets++;
            destinations.Add(destination.Groups[1].Value);
            connections += line.Contains("Flags [S],", StringComparison.Ordinal) ? 1 : 0;
            Match length = PayloadLength().Match(line);
            payloadBytes += length.Success ? long.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }

        return new CaptureSummary(packets, payloadBytes, connections, destinations.Distinct().ToList());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
        File.Delete(_file);
    }

    [GeneratedRegex(@" > ([0-9.]+\.[0-9]+):")]
    private static partial Regex Destination();

    // tcpdump ends a TCP line with the segment's payload length.
    [GeneratedRegex(@", length ([0-9]+)$")]
    private static partial Regex PayloadLength();
}
