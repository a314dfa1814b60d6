using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using CamAgent.Verification.Audit;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// The server process is SIGKILLed at random moments while cameras upload, and restarted on the
/// same store. No acknowledged byte may be lost, no offset may go backwards, and every segment
/// must end up stored byte-identical and receipted.
/// </summary>
public sealed class CrashTests
{
    private static readonly bool Soak = Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1";

    [Fact]
    public async Task Loses_No_Acknowledged_Byte_And_Never_Moves_An_Offset_Back_Across_Repeated_SIGKILLs()
    {
        int kills = Soak ? 250 : 50;
        int seed = Environment.TickCount;
        using var temp = new TempDirectory();
        var pki = new TestPki();
        IngestOptions options = pki.WriteServerFiles(temp.Combine("config"), temp.Combine("store"));
        options.Port = ServerProcess.FreePort();
        string config = ServerProcess.WriteConfig(options, temp.Combine("config", "ingest.json"));
        var run = new CrashRun(pki, options.Port, seed);
        var server = ServerProcess.Start(config);
        try
        {
            Task[] cameras = Enumerable.Range(0, 3).Select(i => run.CameraAsync(new TestCamera(pki.IssueDevice($"cam-crash-{i}")), i)).ToArray();
            var random = new Random(seed);
            for (int kill = 0; kill < kills; kill++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(5, 150)));
                server.Kill();
                run.Kills++;
                server = ServerProcess.Start(config);
            }

            run.Stopping = true;
            await Task.WhenAll(cameras).WaitAsync(TimeSpan.FromMinutes(5));
        }
        finally
        {
            server.Dispose();
        }

        Assert.True(run.Violations.IsEmpty, $"seed {seed}: " + string.Join("; ", run.Violations));
        Assert.True(run.Completed.Count >= 3, $"seed {seed}: only {run.Completed.Count} segments completed");
        foreach ((string path, byte[] content) in run.Completed)
        {
            string prefix = Path.Combine(options.StorePath, "devices", path);
            Assert.Equal(content, File.ReadAllBytes(prefix + ".segment"));
            Assert.True(File.Exists(prefix + ".receipt.cose"), prefix);
            Assert.True(File.Exists(prefix + ".manifest.cose"), prefix);
        }

        Expect.NoUnfinishedUpload(options.StorePath);
        AuditVerification audit = AuditLogVerifier.Verify(Path.Combine(options.StorePath, "audit.log"));
        Assert.True(audit.IsValid, $"seed {seed}: audit line {audit.FirstBadLine}: {audit.Problem}");
    }

    /// <summary>The cameras' side: uploads with resume, checking every offset the server reports against what it acknowledged.</summary>
    private sealed class CrashRun
    {
        private readonly TestPki _pki;
        private readonly int _port;
        private readonly int _seed;

        public CrashRun(TestPki pki, int port, int seed)
        {
            _pki = pki;
            _port = port;
            _seed = seed;
        }

        public volatile bool Stopping;

        public int Kills { get; set; }

        public ConcurrentQueue<string> Violations { get; } = new();

        public ConcurrentBag<(string Path, byte[] Content)> Completed { get; } = new();

        public async Task CameraAsync(TestCamera camera, int index)
        {
            var random = new Random(_seed + index);
            using var client = new TusClient(new Uri($"https://127.0.0.1:{_port}/"), _pki.Root, camera.Certificate);
            while (!Stopping)
            {
                byte[] content = new byte[random.Next(1, 12) * 40_000 + random.Next(0, 1000)];
                random.NextBytes(content);
                ulong sequence = camera.NextSequence;
                byte[] manifest = camera.Seal(content);
                await UploadWithResumeAsync(client, manifest, content);
                Completed.Add((Path.Combine(camera.DeviceId, sequence.ToString("D20")), content));
            }
        }

        private async Task UploadWithResumeAsync(TusClient client, byte[] manifest, byte[] content)
        {
            var acknowledged = new StrongBox<long>(0);
            while (true)
            {
                try
                {
                    if (await TryUploadAsync(client, manifest, content, acknowledged))
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or SocketException)
                {
                    // The server died under this request; it comes back on the same port. A kill
                    // between accept and the client's first look at the socket surfaces as a bare
                    // SocketException (not connected) from HttpClient's connect.
                    await Task.Delay(TimeSpan.FromMilliseconds(20));
                }
            }
        }

        // Returns true once a receipt was obtained.
        private async Task<bool> TryUploadAsync(TusClient client, byte[] manifest, byte[] content, StrongBox<long> acknowledged)
        {
            HttpResponseMessage created = await client.CreateAsync(manifest, content.Length);
            if (await IsTransientAsync(created))
            {
                return false;
            }

            if (created.StatusCode != HttpStatusCode.Created)
            {
                Violations.Enqueue($"create answered {(int)created.StatusCode} {TusClient.Header(created, "CamAgent-Error")}");
                return true;
            }

            long offset = Check(long.Parse(TusClient.Header(created, "Upload-Offset")!), acknowledged.Value, "create");
            if (TusClient.Header(created, "CamAgent-Receipt") is not null)
            {
                return true;
            }

            string location = created.Headers.Location!.OriginalString;
            while (true)
            {
                int count = (int)Math.Min(TestCamera.ChunkSizeBytes, content.Length - offset);
                HttpResponseMessage patch = await client.PatchAsync(location, offset, content, (int)offset, count);
                if (patch.StatusCode == HttpStatusCode.Conflict)
                {
                    offset = Check(long.Parse(TusClient.Header(patch, "Upload-Offset")!), acknowledged.Value, "409");
                    continue;
                }

                if (await IsTransientAsync(patch))
                {
                    return false;
                }

                if (patch.StatusCode != HttpStatusCode.NoContent)
                {
                    Violations.Enqueue($"patch answered {(int)patch.StatusCode} {TusClient.Header(patch, "CamAgent-Error")}");
                    return true;
                }

                offset = Check(long.Parse(TusClient.Header(patch, "Upload-Offset")!), acknowledged.Value, "patch");
                acknowledged.Value = offset;
                if (TusClient.Header(patch, "CamAgent-Receipt") is not null)
                {
                    return true;
                }
            }
        }

        // 423 (the upload is still held by a request the server is finishing) and 429 (over a
        // limit) are answers the device retries after a pause (docs/upload-protocol.md); they are
        // not violations, and the next attempt resumes from the server's offset.
        private static async Task<bool> IsTransientAsync(HttpResponseMessage response)
        {
            if ((int)response.StatusCode is 423 or 429)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50));
                return true;
            }

            return false;
        }

        private long Check(long reported, long acknowledged, string where)
        {
            if (reported < acknowledged)
            {
                Violations.Enqueue($"{where}: offset {reported} below acknowledged {acknowledged}");
            }

            return reported;
        }
    }
}
