using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Evidence;
using CamAgent.Host.Crypto;
using CamAgent.Ingest;

namespace CamAgent.Benchmarks;

/// <summary>
/// N simulated cameras (default 200; CAMAGENT_BENCH_CAMERAS) each upload one sealed segment
/// (default 256 KiB; CAMAGENT_BENCH_SEGMENT_BYTES) at the same time, over mutual TLS on loopback,
/// to `camagent serve` running as its own process. Prints throughput, PATCH latency
/// percentiles (16 KiB chunks, each fsynced before it is acknowledged), the server's peak
/// resident memory and the error count (target 0).
/// </summary>
public static class IngestBenchmark
{
    private const int ChunkBytes = ContentDigest.DefaultChunkSizeBytes;

    public static void Run(TextWriter output)
    {
        int cameras = Setting("CAMAGENT_BENCH_CAMERAS", 200);
        int segmentBytes = Setting("CAMAGENT_BENCH_SEGMENT_BYTES", 256 * 1024);
        string root = Path.Combine(Path.GetTempPath(), "camagent-bench-ingest-" + Guid.NewGuid().ToString("N"));
        try
        {
            RunIn(root, cameras, segmentBytes, output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void RunIn(string root, int cameras, int segmentBytes, TextWriter output)
    {
        var pki = new IngestBenchPki();
        int port = FreePort();
        IngestOptions options = pki.WriteServerFiles(Path.Combine(root, "config"), Path.Combine(root, "store"), port);
        string config = Path.Combine(root, "config", "ingest.json");
        File.WriteAllText(config, IngestOptionsFile.Serialize(options));
        var uploads = Enumerable.Range(0, cameras).Select(i => Seal(pki.IssueDevice($"bench-{i:D4}"), segmentBytes)).ToList();

        using Process server = StartServer(config);
        var latenciesMs = new ConcurrentBag<double>();
        int errors = 0;
        var clock = Stopwatch.StartNew();
        Task.WaitAll(uploads.Select(u => Task.Run(async () =>
        {
            if (!await UploadAsync(u, port, pki.Root, latenciesMs))
            {
                Interlocked.Increment(ref errors);
            }
        })).ToArray());
        double seconds = clock.Elapsed.TotalSeconds;
        string peak = PeakResidentKiB(server.Id);
        server.Kill();
        server.WaitForExit();

        double[] sorted = latenciesMs.Order().ToArray();
        double megabytes = (double)cameras * segmentBytes / (1024 * 1024);
        output.WriteLine($"ingest: {cameras} cameras x {segmentBytes / 1024} KiB over mutual TLS, {ChunkBytes / 1024} KiB PATCHes");
        output.WriteLine($"ingest:   throughput {megabytes / seconds:F1} MiB/s ({megabytes:F0} MiB in {seconds:F1} s, {sorted.Length} PATCHes)");
        output.WriteLine($"ingest:   PATCH latency p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted.LastOrDefault():F1} ms");
        output.WriteLine($"ingest:   server peak resident memory {peak}");
        output.WriteLine($"ingest:   errors {errors}");
    }

    private static (X509Certificate2 Certificate, byte[] Manifest, byte[] Content) Seal(X509Certificate2 certificate, int segmentBytes)
    {
        byte[] content = RandomNumberGenerator.GetBytes(segmentBytes);
        string deviceId = certificate.GetNameInfo(X509NameType.SimpleName, false);
        using var signer = new HostEcdsaSigner(certificate.GetECDsaPrivateKey()!);
        var sealer = new Sealer(new HostHmacSha256Factory(), signer, certificate.RawData, deviceId, ChunkBytes);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
        var record = new Manifest { WallStartMs = now, WallEndMs = now + 10_000, MonotonicStartMs = 1, MonotonicEndMs = 10_001, ClockState = ClockState.Valid, TimeFloorMs = now - 1, BootCount = 1 };
        byte[] buffer = new byte[sealer.MaxRecordBytes];
        if (sealer.SealSegment(new MemoryStream(content), record, new ChainState(), buffer, 0, buffer.Length, out int written) != SealStatus.Ok)
        {
            throw new InvalidOperationException("sealing failed");
        }

        return (certificate, buffer[..written], content);
    }

    private static async Task<bool> UploadAsync((X509Certificate2 Certificate, byte[] Manifest, byte[] Content) upload, int port, X509Certificate2 root, ConcurrentBag<double> latenciesMs)
    {
        using var http = new HttpClient(Handler(upload.Certificate, root)) { BaseAddress = new Uri($"https://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            var create = new HttpRequestMessage(HttpMethod.Post, "/files/");
            create.Headers.Add("Tus-Resumable", "1.0.0");
            create.Headers.Add("Upload-Length", upload.Content.Length.ToString(CultureInfo.InvariantCulture));
            create.Headers.Add("Upload-Metadata", "manifest " + Convert.ToBase64String(upload.Manifest));
            using HttpResponseMessage created = await http.SendAsync(create);
            if (created.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }

            string location = created.Headers.Location!.OriginalString;
            for (int offset = 0; offset < upload.Content.Length; offset += ChunkBytes)
            {
                var patch = new HttpRequestMessage(HttpMethod.Patch, location);
                patch.Headers.Add("Tus-Resumable", "1.0.0");
                patch.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
                patch.Content = new ByteArrayContent(upload.Content, offset, Math.Min(ChunkBytes, upload.Content.Length - offset));
                patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
                long started = Stopwatch.GetTimestamp();
                using HttpResponseMessage answered = await http.SendAsync(patch);
                latenciesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (answered.StatusCode != HttpStatusCode.NoContent)
                {
                    return false;
                }
            }

            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static SocketsHttpHandler Handler(X509Certificate2 certificate, X509Certificate2 root) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificates = new X509CertificateCollection { certificate },
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
            RemoteCertificateValidationCallback = (_, server, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(root);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return server is not null && chain.Build(new X509Certificate2(server));
            },
        },
    };

    private static Process StartServer(string config)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "camagent.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);
        Process process = Process.Start(start)!;
        string? ready = process.StandardOutput.ReadLine();
        if (ready is null || !ready.Contains("listening", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException("camagent serve did not start");
        }

        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    // Linux reports the peak resident set (VmHWM) of a process in /proc/<pid>/status.
    private static string PeakResidentKiB(int pid)
    {
        string status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return "n/a (no /proc on this system)";
        }

        string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? "n/a" : line["VmHWM:".Length..].Trim();
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Setting(string name, int fallback)
    {
        return int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
    }
}
