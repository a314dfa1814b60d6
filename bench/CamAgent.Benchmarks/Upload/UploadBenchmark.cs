using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CamAgent.Benchmarks.Ingest;
using CamAgent.Core.Upload;

namespace CamAgent.Benchmarks.Upload;

/// <summary>
/// Upload throughput of the Core tus client against curl, both sending the same sealed segment
/// to the same reference ingest server (`camagent serve`, its own process) over mutual TLS on
/// 127.0.0.1 with the same client certificate, in the same requests: creation with the signed
/// manifest, then PATCHes of the device's default size. The server does its full work for both
/// (fsync before each acknowledgement, incremental content digest, receipt). The Core client's
/// time is the whole upload including connecting and checking the receipt; curl's is the sum of
/// its transfer times as curl reports them, so its process start-up is not counted against it.
/// Target: Core/curl &gt;= 0.8.
/// </summary>
public static class UploadBenchmark
{
    private const int ContentBytes = 64 * 1024 * 1024;
    private const int Runs = 5;

    public static void Run(TextWriter output)
    {
        var pki = new IngestBenchPki();
        using BenchIngestServer server = BenchIngestServer.Start(pki, groupCommit: true);
        var options = new TusClientOptions();
        var camera = new BenchCamera(server, pki.IssueDevice("bench-upload"), options);
        byte[] content = RandomNumberGenerator.GetBytes(ContentBytes);
        output.WriteLine();
        output.WriteLine($"upload: {ContentBytes / (1024 * 1024)} MiB sealed segment to camagent serve over mutual TLS on 127.0.0.1, best of {Runs} (runs interleaved)");
        output.WriteLine($"  requests    : creation with the manifest, then PATCHes of {options.PatchSizeBytes / 1024} KiB (chunk {options.ChunkSizeBytes / 1024} KiB), each fsynced by the server");
        output.WriteLine($"  core client : buffers {camera.ClientBufferBytes} bytes, allocated once");
        string? curl = FindCurl();
        string directory = Directory.CreateTempSubdirectory("camagent-bench-upload-").FullName;
        try
        {
            var viaCurl = curl is null ? null : new CurlUploader(curl, directory, server, camera, content, options.PatchSizeBytes);
            double core = 0;
            double curlBest = 0;
            for (int run = 0; run < Runs; run++)
            {
                core = Math.Max(core, CoreUpload(camera, content));
                if (viaCurl is not null)
                {
                    curlBest = Math.Max(curlBest, viaCurl.Upload());
                }
            }

            output.WriteLine($"  core client : {core,8:F1} MB/s (receipt verified against the pinned key)");
            if (viaCurl is null)
            {
                output.WriteLine("  curl        : curl not found");
                return;
            }

            output.WriteLine($"  curl        : {curlBest,8:F1} MB/s (transfer times as curl reports them; {viaCurl.Connections / (double)Runs:F0} connections per upload)");
            output.WriteLine($"  ratio core/curl: {core / curlBest:F2} (target >= 0.80)");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static double CoreUpload(BenchCamera camera, byte[] content)
    {
        (long sequence, byte[] manifest) = camera.Seal(content);
        var watch = Stopwatch.StartNew();
        UploadStatus status = camera.Upload(sequence, manifest, content);
        watch.Stop();
        camera.Close();
        if (status != UploadStatus.Completed)
        {
            throw new InvalidOperationException($"core upload ended with {status}: {camera.Describe()}");
        }

        return content.Length / watch.Elapsed.TotalSeconds / 1e6;
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

    /// <summary>
    /// Uploads with curl: one invocation for the creation (to learn the upload URL), one for all
    /// PATCHes (a curl config file with one section per PATCH, so curl keeps its connection).
    /// Secrets travel as file paths (0600), never as argument values.
    /// </summary>
    private sealed class CurlUploader
    {
        private readonly string _curl;
        private readonly string _directory;
        private readonly BenchIngestServer _server;
        private readonly BenchCamera _camera;
        private readonly byte[] _content;
        private readonly List<(long Offset, string File)> _parts = [];
        private readonly string _common;

        public CurlUploader(string curl, string directory, BenchIngestServer server, BenchCamera camera, byte[] content, int patchBytes)
        {
            _curl = curl;
            _directory = directory;
            _server = server;
            _camera = camera;
            _content = content;
            for (int offset = 0; offset < content.Length; offset += patchBytes)
            {
                string part = Path.Combine(directory, $"part-{offset:D12}.bin");
                File.WriteAllBytes(part, content.AsSpan(offset, Math.Min(patchBytes, content.Length - offset)).ToArray());
                _parts.Add((offset, part));
            }

            string cert = WritePrivate("device.pem", camera.Certificate.ExportCertificatePem());
            string key = WritePrivate("device.key", camera.Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            string ca = WritePrivate("root.pem", server.Pki.Root.ExportCertificatePem());
            _common = $"""
                silent
                show-error
                http1.1
                cacert = "{ca}"
                cert = "{cert}"
                key = "{key}"
                resolve = "{BenchIngestServer.HostName}:{server.Port}:127.0.0.1"
                header = "Tus-Resumable: 1.0.0"
                header = "Expect:"

                """;
        }

        /// <summary>Connections curl opened over all its uploads.</summary>
        public int Connections { get; private set; }

        private string BaseUrl => $"https://{BenchIngestServer.HostName}:{_server.Port}";

        /// <summary>Seals the next segment, uploads it with curl and returns MB/s over curl's transfer times.</summary>
        public double Upload()
        {
            (_, byte[] manifest) = _camera.Seal(_content);
            var create = new StringBuilder(_common);
            create.AppendLine($"url = \"{BaseUrl}/files/\"");
            create.AppendLine("request = \"POST\"");
            create.AppendLine($"header = \"Upload-Length: {_content.Length.ToString(CultureInfo.InvariantCulture)}\"");
            create.AppendLine($"header = \"Upload-Metadata: manifest {Convert.ToBase64String(manifest)}\"");
            create.AppendLine("dump-header = \"-\"");
            create.AppendLine("output = \"/dev/null\"");
            create.AppendLine("write-out = \"%{http_code} %{time_total} %{num_connects}\\n\"");
            string created = RunCurl(create.ToString());
            string location = created.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("location:", StringComparison.OrdinalIgnoreCase))["location:".Length..].Trim();
            double seconds = Transfers(created, "201").Sum();
            string url = location.StartsWith('/') ? BaseUrl + location : location;

            var patches = new StringBuilder();
            foreach ((long offset, string file) in _parts)
            {
                if (patches.Length > 0)
                {
                    patches.AppendLine("next");
                }

                patches.Append(_common);
                patches.AppendLine($"url = \"{url}\"");
                patches.AppendLine("request = \"PATCH\"");
                patches.AppendLine($"header = \"Upload-Offset: {offset.ToString(CultureInfo.InvariantCulture)}\"");
                patches.AppendLine("header = \"Content-Type: application/offset+octet-stream\"");
                patches.AppendLine($"data-binary = \"@{file}\"");
                patches.AppendLine("output = \"/dev/null\"");
                patches.AppendLine("write-out = \"%{http_code} %{time_total} %{num_connects}\\n\"");
            }

            List<double> times = Transfers(RunCurl(patches.ToString()), "204");
            if (times.Count != _parts.Count)
            {
                throw new InvalidOperationException($"curl made {times.Count} PATCHes, {_parts.Count} expected");
            }

            seconds += times.Sum();
            return _content.Length / seconds / 1e6;
        }

        // "<status> <seconds> <new connections>" lines written by --write-out; every one must carry the expected status.
        private List<double> Transfers(string output, string status)
        {
            var times = new List<double>();
            foreach (string line in output.Split('\n'))
            {
                string[] fields = line.Trim().Split(' ');
                if (fields.Length == 3 && fields[0].Length == 3 && fields[0].All(char.IsAsciiDigit))
                {
                    if (fields[0] != status)
                    {
                        throw new InvalidOperationException($"curl got {fields[0]} where {status} was expected");
                    }

                    times.Add(double.Parse(fields[1], CultureInfo.InvariantCulture));
                    Connections += int.Parse(fields[2], CultureInfo.InvariantCulture);
                }
            }

            return times;
        }

        private string RunCurl(string config)
        {
            string path = WritePrivate("curl.config", config);
            var start = new ProcessStartInfo(_curl) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(path);
            using Process process = Process.Start(start)!;
            Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"curl failed ({process.ExitCode}): {error.Result}");
            }

            return output;
        }

        private string WritePrivate(string name, string text)
        {
            string path = Path.Combine(_directory, name);
            File.WriteAllText(path, text);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return path;
        }
    }
}
