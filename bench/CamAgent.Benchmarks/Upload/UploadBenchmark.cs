using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using CamAgent.Core.Egress;
using CamAgent.Core.Platform;
using CamAgent.Core.Upload;
using CamAgent.Host.Tls;

namespace CamAgent.Benchmarks.Upload;

/// <summary>
/// Upload throughput of the Core tus client (host TLS connector, default 256 KiB PATCHes streamed
/// in 16 KiB chunks) against curl sending the same bytes in one PATCH (--data-binary, its faster mode here; the time includes starting curl) to the same server with the
/// same client certificate. Target: Core/curl &gt;= 0.8.
/// </summary>
public static class UploadBenchmark
{
    private const int ContentBytes = 64 * 1024 * 1024;
    private const int Runs = 5;

    public static void Run(TextWriter output)
    {
        RunAsync(output).GetAwaiter().GetResult();
    }

    private static async Task RunAsync(TextWriter output)
    {
        var pki = new BenchPki();
        await using TusSink sink = await TusSink.StartAsync(pki.Server, pki.Ca);
        byte[] content = RandomNumberGenerator.GetBytes(ContentBytes);
        output.WriteLine($"upload: {ContentBytes / (1024 * 1024)} MiB over mutual TLS on 127.0.0.1, best of {Runs} (runs interleaved)");
        output.WriteLine($"  client buffers: {NewClient(pki, sink.Port).BufferBytes} bytes, allocated once");
        string? curl = FindCurl();
        if (curl == null)
        {
            double alone = Enumerable.Range(0, Runs).Select(_ => CoreUpload(pki, sink.Port, content)).Max();
            output.WriteLine($"  core client : {alone,8:F1} MB/s");
            output.WriteLine("  curl        : curl not found");
            return;
        }

        string directory = Directory.CreateTempSubdirectory("camagent-bench-").FullName;
        try
        {
            string contentFile = Path.Combine(directory, "content.bin");
            await File.WriteAllBytesAsync(contentFile, content);
            string certFile = WritePrivate(directory, "device.pem", pki.Device.ExportCertificatePem());
            string keyFile = WritePrivate(directory, "device.key", pki.DeviceKey.ExportPkcs8PrivateKeyPem());
            string caFile = WritePrivate(directory, "ca.pem", pki.Ca.ExportCertificatePem());
            double core = 0;
            double viaCurl = 0;
            for (int run = 0; run < Runs; run++)
            {
                core = Math.Max(core, CoreUpload(pki, sink.Port, content));
                viaCurl = Math.Max(viaCurl, CurlUpload(curl, sink.Port, contentFile, certFile, keyFile, caFile));
            }

            output.WriteLine($"  core client : {core,8:F1} MB/s (PATCH {UploadLimits.DefaultPatchSizeBytes / 1024} KiB, chunk {UploadLimits.DefaultChunkSizeBytes / 1024} KiB)");
            output.WriteLine($"  curl        : {viaCurl,8:F1} MB/s (one PATCH, --data-binary, process start included)");
            output.WriteLine($"  ratio core/curl: {core / viaCurl:F2} (target >= 0.80)");
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    private static TusClient NewClient(BenchPki pki, int port)
    {
        var log = new QuietLog();
        var connector = new TlsConnector(pki.Ca, pki.Device, log, new TlsConnectorOptions { TestOnlyDialOverride = new IPEndPoint(IPAddress.Loopback, port) });
        return new TusClient(new AgencyEndpoint(connector, BenchPki.HostName, log), new AcceptAnyReceipt(), new ZeroRandom(), new SystemClock(), log, new TusClientOptions());
    }

    private static double CoreUpload(BenchPki pki, int port, byte[] content)
    {
        TusClient client = NewClient(pki, port);
        client.Begin(new UploadJob(1, new byte[300], 0, 300, new MemoryStream(content, false), content.Length));
        var watch = Stopwatch.StartNew();
        UploadStatus status;
        do
        {
            status = client.Step();
        }
        while (status == UploadStatus.InProgress);

        watch.Stop();
        client.Close();
        if (status != UploadStatus.Completed)
        {
            throw new InvalidOperationException($"core upload ended with {status} {client.Failure} {client.TransportStatus}");
        }

        return content.Length / watch.Elapsed.TotalSeconds / 1e6;
    }

    private static double CurlUpload(string curl, int port, string contentFile, string certFile, string keyFile, string caFile)
    {
        // Secrets travel as file paths (0600), never as argument values.
        var start = new ProcessStartInfo(curl)
        {
            ArgumentList =
            {
                "--silent", "--show-error", "--fail", "--output", "/dev/null", "--http1.1",
                "--cacert", caFile, "--cert", certFile, "--key", keyFile,
                "--resolve", $"{BenchPki.HostName}:{port}:127.0.0.1",
                "-X", "PATCH", "-H", "Tus-Resumable: 1.0.0", "-H", "Upload-Offset: 0",
                "-H", "Content-Type: application/offset+octet-stream", "-H", "Expect:",
                "--data-binary", "@" + contentFile,
                $"https://{BenchPki.HostName}:{port}/files/bench-cam-1",
            },
            RedirectStandardError = true,
        };
        var watch = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"curl failed ({process.ExitCode}): {error}");
        }

        return new FileInfo(contentFile).Length / watch.Elapsed.TotalSeconds / 1e6;
    }

    private static string WritePrivate(string directory, string name, string text)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static string? FindCurl()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(directory, "curl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The sink issues no real receipt; the benchmark measures transfer, not the receipt check.</summary>
    private sealed class AcceptAnyReceipt : IReceiptChecker
    {
        public ReceiptCheckStatus Check(UploadJob job, byte[] receipt, int offset, int count) => ReceiptCheckStatus.Valid;
    }

    private sealed class ZeroRandom : IRandomSource
    {
        public void Fill(byte[] buffer, int offset, int count) => Array.Clear(buffer, offset, count);
    }

    private sealed class SystemClock : IWallClock
    {
        public DateTime UtcNow => DateTime.UtcNow;
    }

    private sealed class QuietLog : ILogSink
    {
        public void Write(LogLevel level, string component, string message)
        {
            if (level >= LogLevel.Warning && !message.Contains("TEST-ONLY", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"{level} {component}: {message}");
            }
        }
    }
}
