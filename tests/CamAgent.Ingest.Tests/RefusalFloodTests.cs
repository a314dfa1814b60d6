using System.Diagnostics;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CamAgent.Cli;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Verification.Audit;
using Xunit.Abstractions;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// Outsiders flooding the port with refused handshakes cannot break or bloat the audit log
/// (docs/ingest-server.md §7; docs/threat-model.md, "Hostile input"), and a camera uploading
/// meanwhile is served and audited.
/// </summary>
public sealed class RefusalFloodTests
{
    private const int Handshakes = 1000;
    private const int CommonNameChars = 30_000;
    private const int Workers = 4;
    private const long MaxGrowthBytes = 64 * 1024;
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");

    private readonly ITestOutputHelper _output;

    public RefusalFloodTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Thousand_Refused_Handshakes_With_30000_Character_Names_Add_One_Bounded_Line_While_A_Camera_Uploads()
    {
        // Every handshake is let through to the certificate check, so each one is a refusal.
        await using IngestHarness harness = await IngestHarness.StartAsync(o => o.Limits.MaxRefusedHandshakesPerAddress = 10 * Handshakes);
        using X509Certificate2 hostile = HostileCertificates.SelfSignedWithLongName(CommonNameChars);
        string log = Path.Combine(harness.StorePath, AuditLogFormat.FileName);
        long before = new FileInfo(log).Length;
        var clock = Stopwatch.StartNew();

        Task<int> flood = FloodAsync(harness, hostile);
        TimeSpan upload = await UploadDuringAsync(harness, flood);
        int accepted = await flood;
        TimeSpan floodTime = clock.Elapsed;
        harness.Server.FlushRefusals();

        long growth = new FileInfo(log).Length - before;
        int refusalLine = File.ReadAllLines(log).Single(l => l.Contains("\"op\":\"tls\"", StringComparison.Ordinal)).Length;
        _output.WriteLine($"{Handshakes} refused handshakes ({hostile.RawData.Length}-byte certificate) in {floodTime.TotalSeconds:F1} s; audit log grew {growth} bytes (the refusal line: {refusalLine}); camera upload took {upload.TotalMilliseconds:F0} ms");
        Assert.Equal(0, accepted);
        Assert.True(growth <= MaxGrowthBytes, $"the audit log grew {growth} bytes");
        AssertRefusalLine(harness, hostile);
        Assert.True(AuditLogVerifier.Verify(log).IsValid);
        Assert.Equal(ExitCodes.Ok, Program.Run(["audit", "verify", "--log", log], new CliContext(new StringWriter(), new StringWriter(), new StringReader(""))));
    }

    [Fact]
    public async Task A_Source_Refused_Too_Often_In_A_Window_Is_Closed_Before_Tls_And_Counted()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        int limit = harness.Options.Limits.MaxRefusedHandshakesPerAddress;
        using X509Certificate2 stranger = new TestPki("Other Agency").IssueDevice("cam-stranger");
        var source = IPAddress.Parse("127.0.0.3");
        for (int i = 0; i < limit + 30; i++)
        {
            Assert.False((await TlsProbe.RunAsync(harness.Server.EndPoint, harness.Pki.Root, stranger, SslProtocols.Tls12, source)).Accepted);
        }

        TestCamera camera = harness.NewCamera("cam-beside");
        byte[] content = RandomNumberGenerator.GetBytes(100);
        Assert.Equal(HttpStatusCode.NoContent, (await harness.ClientFor(camera).UploadAsync(camera.Seal(content), content)).StatusCode);
        harness.Server.FlushRefusals();

        JsonElement line = Assert.Single(harness.AuditEntries(), e => e.GetProperty("op").GetString() == "tls");
        Assert.Equal("127.0.0.3", line.GetProperty("remote").GetString());
        Assert.Equal(limit, line.GetProperty("refused").GetInt64());
        Assert.Equal(30, line.GetProperty("dropped").GetInt64());
    }

    private static async Task<int> FloodAsync(IngestHarness harness, X509Certificate2 hostile)
    {
        int next = -1;
        int accepted = 0;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < Handshakes)
            {
                SslProtocols protocol = next % 2 == 0 ? SslProtocols.Tls12 : SslProtocols.Tls13;
                TlsProbe.Outcome outcome = await TlsProbe.RunAsync(harness.Server.EndPoint, harness.Pki.Root, hostile, protocol, Attacker);
                if (outcome.Accepted)
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        })));
        return accepted;
    }

    // Starts once the flood is under way and returns how long the camera's upload took.
    private static async Task<TimeSpan> UploadDuringAsync(IngestHarness harness, Task flood)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.False(flood.IsCompleted, "the flood ended before the camera started");
        TestCamera camera = harness.NewCamera("cam-during-flood");
        byte[] content = RandomNumberGenerator.GetBytes(3 * TestCamera.ChunkSizeBytes);
        var clock = Stopwatch.StartNew();
        HttpResponseMessage last = await harness.ClientFor(camera).UploadAsync(camera.Seal(content), content);
        TimeSpan took = clock.Elapsed;
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        Assert.NotNull(TusClient.Header(last, "CamAgent-Receipt"));
        Assert.False(flood.IsCompleted, "the camera's upload did not overlap the flood");
        Assert.Contains(harness.AuditEntries(), e => e.GetProperty("code").GetString() == "stored" && e.GetProperty("device").GetString() == camera.DeviceId);
        return took;
    }

    private static void AssertRefusalLine(IngestHarness harness, X509Certificate2 hostile)
    {
        JsonElement line = Assert.Single(harness.AuditEntries(), e => e.GetProperty("op").GetString() == "tls");
        Assert.Equal("127.0.0.2", line.GetProperty("remote").GetString());
        Assert.Equal(Handshakes, line.GetProperty("refused").GetInt64());
        Assert.Equal(Handshakes, line.GetProperty("codes").GetProperty("certificate-untrusted").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(hostile.RawData)), line.GetProperty("certificate").GetString());
        Assert.Equal(new string('A', 64) + "…", line.GetProperty("claimed").GetString());
    }
}
