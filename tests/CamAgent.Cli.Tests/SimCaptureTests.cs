using System.Diagnostics;
using System.Net;
using CamAgent.Core.Board;
using CamAgent.Provisioning.Boards;
using CamAgent.Provisioning.Bundles;
using CamAgent.Provisioning;
using Xunit.Abstractions;

namespace CamAgent.Cli.Tests;

/// <summary>
/// Egress proof of a complete, successful run: the real ingest server (`camagent serve`) answers
/// for the agency host on port 443 with the agency PKI's server certificate; the simulated camera
/// in its own network namespace finds it only through name resolution (no dial override), and a
/// packet capture of the whole run shows that everything it sent went to that one address and port.
/// Needs root and `ip netns`; where namespaces are not permitted the test says so and passes
/// vacuously (it cannot prove anything there).
/// </summary>
public sealed class SimCaptureTests(ITestOutputHelper output)
{
    private const string AgencyHost = "ingest.agency.example";
    private const string DeviceId = "cam-0042";
    private const string Board = "ai-thinker-esp32-cam";
    private const int Segments = 3;
    private const int SegmentBytes = 64 * 1024;

    [Fact]
    public void A_Receipted_Run_Sends_Every_Packet_To_The_Agency_Address_On_Tcp_443_And_The_Store_Holds_The_Segments_Byte_Identical()
    {
        using var ns = NetNamespace.Create(output);

        ns.MapHost(AgencyHost, ns.HostAddress);
        using var work = new TempFolder();
        string config = ProvisionCamera(work);
        byte[] video = new byte[Segments * SegmentBytes];
        Random.Shared.NextBytes(video);
        File.WriteAllBytes(work.Combine("video.bin"), video);

        using var server = ServeProcess.Start(work.Combine("pki"), work.Combine("store"), ns.HostAddress);
        using var capture = PacketCapture.TryStart(ns.HostInterface, output);
        var clock = Stopwatch.StartNew();
        (int exit, string stdout, string stderr) = ns.RunCamagent(["sim", "--config", config, "--card", work.Combine("card"), "--state", work.Combine("flash"), "--video", work.Combine("video.bin"), "--segments", Segments.ToString(), "--segment-bytes", SegmentBytes.ToString(), "--interval-ms", "100", "--timeout-s", "40"]);
        clock.Stop();
        output.WriteLine(stdout + stderr);

        Assert.True(exit == 0, $"sim exit {exit}: {stderr}");
        Assert.DoesNotContain("--connect-to", stderr);
        AssertStoredByteIdentical(work.Combine("store"), video);
        if (capture is not null)
        {
            CaptureSummary summary = capture.StopAndSummarize(ns.CameraAddress);
            output.WriteLine($"capture of a receipted run of {Segments} segments x {SegmentBytes} bytes in {clock.Elapsed.TotalSeconds:F1} s: {summary}");
            Assert.Equal([$"{ns.HostAddress}.443"], summary.Destinations);
            Assert.True(summary.ConnectionsOpened > 0, "the capture saw no connection from the camera");
            Assert.True(summary.PayloadBytes > video.Length, $"the capture saw {summary.PayloadBytes} payload bytes for {video.Length} bytes of video");
        }
    }

    // The camera is set up as a real one is: PKI, enrolment, a signed bundle verified against the
    // agency root, and the configuration inside it written 0600.
    internal static string ProvisionCamera(TempFolder work, string? agencyAddress = null)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        AgencyPki pki = AgencyPki.Initialize(work.Combine("pki"), "Example PD", AgencyHost, null, now).Value!;
        Assert.True(new DeviceRegistry(pki).EnrolGenerated(DeviceId, null, now).Ok);
        BoardValidation board = new BoardCatalog(Path.Combine(AppContext.BaseDirectory, "boards")).Load(Board).Value!;
        PkiResult<byte[]> bundle = new BundleFactory(pki).Create(DeviceId, board, new BundleFactory.Options("PD Fleet", null, null, agencyAddress), null, now);
        Assert.True(bundle.Ok, bundle.Message);
        PkiResult<BundleReport> verified = BundleVerifier.Verify(bundle.Value!, pki.RootCa, null, now);
        Assert.True(verified.Ok, verified.Message);

        string config = work.Combine("device.conf");
        File.WriteAllBytes(config, []);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllBytes(config, verified.Value!.Bundle.Config);
        return config;
    }

    // Every recorded slice of the video is in the store as one segment, byte for byte, with its receipt.
    private static void AssertStoredByteIdentical(string store, byte[] video)
    {
        string device = Path.Combine(store, "devices", DeviceId);
        string[] segments = Directory.GetFiles(device, "*.segment");
        Assert.All(segments, s => Assert.True(File.Exists(Path.ChangeExtension(s, ".receipt.cose")), $"no receipt beside {s}"));
        byte[][] stored = segments.Select(File.ReadAllBytes).ToArray();
        for (int i = 0; i < Segments; i++)
        {
            byte[] slice = video[(i * SegmentBytes)..((i + 1) * SegmentBytes)];
            Assert.Single(stored, s => s.AsSpan().SequenceEqual(slice));
        }
    }

    /// <summary>`camagent serve --pki` as a child process, stopped with SIGTERM.</summary>
    private sealed class ServeProcess : IDisposable
    {
        private readonly Process _process;

        private ServeProcess(Process process)
        {
            _process = process;
        }

        public static ServeProcess Start(string pki, string store, IPAddress address)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { CamAgentProcess.DllPath, "serve", "--pki", pki, "--store", store, "--listen", address.ToString(), "--port", "443" })
            {
                start.ArgumentList.Add(arg);
            }

            var serve = new ServeProcess(Process.Start(start)!);
            // The server prints "listening on" once its socket is bound; end of output means it did not start.
            string? line = serve._process.StandardOutput.ReadLine();
            while (line is not null && !line.Contains("listening on", StringComparison.Ordinal))
            {
                line = serve._process.StandardOutput.ReadLine();
            }

            if (line is null)
            {
                serve._process.WaitForExit();
                string error = serve._process.StandardError.ReadToEnd();
                serve.Dispose();
                throw new InvalidOperationException($"camagent serve did not start: {error}");
            }

            return serve;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                NetNamespace.Run("kill", $"-TERM {_process.Id}");
                if (!_process.WaitForExit(10_000))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            _process.Dispose();
        }
    }
}
