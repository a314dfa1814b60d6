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
        var start = new ProcessStartInfo("tcpdump", $"-i {interfaceName} -n -U -w {file}") { RedirectStandardError = true, RedirectStandardOutput = true };
        Process process = Process.Start(start)!;
        // tcpdump says "listening on" once the capture is armed.
        string? line = process.StandardError.ReadLine();
        output.WriteLine("tcpdump: " + line);
        return new PacketCapture(process, file);
    }

    /// <summary>Stops the capture and returns "address.port" of every packet sent by <paramref name="source"/>.</summary>
    public List<string> StopAndListDestinations(IPAddress source)
    {
        NetNamespace.Run("kill", $"-INT {_process.Id}");
        _process.WaitForExit(5000);
        (int _, string text, string _) = NetNamespace.Run("tcpdump", $"-r {_file} -n ip and src host {source}");
        var destinations = new List<string>();
        foreach (Match match in Destination().Matches(text))
        {
            destinations.Add(match.Groups[1].Value);
        }

        return destinations.Distinct().ToList();
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
}
