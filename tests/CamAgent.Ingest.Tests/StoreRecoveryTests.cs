using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>What the server finds on disk after a crash, and what it makes of it at start-up.</summary>
public sealed class StoreRecoveryTests
{
    [Fact]
    public async Task Resumes_A_Partial_Upload_After_Restart_With_The_Offset_On_Disk_And_A_Correct_Digest()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-r1");
        byte[] content = RandomNumberGenerator.GetBytes(100_000);
        TusClient client = harness.ClientFor(camera);
        HttpResponseMessage created = await client.CreateAsync(camera.Seal(content), content.Length);
        string location = created.Headers.Location!.OriginalString;
        Expect.Status(HttpStatusCode.NoContent, await client.PatchAsync(location, 0, content, 0, 40_000));

        await harness.RestartAsync();
        TusClient after = harness.ClientFor(camera);
        HttpResponseMessage head = await after.HeadAsync(location);
        HttpResponseMessage last = await after.PatchAsync(location, 40_000, content, 40_000);

        Assert.Equal("40000", TusClient.Header(head, "Upload-Offset"));
        Expect.Status(HttpStatusCode.NoContent, last);
        Assert.NotNull(TusClient.Header(last, "CamAgent-Receipt"));
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(harness.StorePath, "devices", "cam-r1", "00000000000000000000.segment")));
    }

    // The states a crash can leave a completion in before its receipt reached devices/: the
    // receipt written in the upload folder (whole, or torn to nothing on its way to disk), with
    // manifest and segment moved into devices/ or not yet. None was answered, so each is decided
    // again from the bytes on disk: the same manifest and segment, a receipt that verifies.
    [Theory]
    [InlineData("receipt whole, segment still in the upload folder")]
    [InlineData("receipt torn, manifest and segment in devices/")]
    [InlineData("no receipt, manifest and segment in devices/")]
    public async Task Decides_Again_From_The_Bytes_On_Disk_A_Completion_Cut_Before_Its_Receipt_Reached_Devices(string state)
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-r2");
        byte[] content = RandomNumberGenerator.GetBytes(20_000);
        byte[] manifest = camera.Seal(content);
        await harness.ClientFor(camera).UploadAsync(manifest, content);
        await harness.Server.DisposeAsync();
        string id = TestCamera.UploadIdOf("cam-r2", 0);
        string incoming = Path.Combine(harness.StorePath, "incoming", id);
        string stored = Path.Combine(harness.StorePath, "devices", "cam-r2", "00000000000000000000");
        Directory.CreateDirectory(incoming);
        switch (state)
        {
            case "receipt whole, segment still in the upload folder":
                File.Move(stored + ".segment", Path.Combine(incoming, "data"));
                File.Move(stored + ".receipt.cose", Path.Combine(incoming, "receipt.cose"));
                break;
            case "receipt torn, manifest and segment in devices/":
                File.Delete(stored + ".receipt.cose");
                File.WriteAllBytes(Path.Combine(incoming, "receipt.cose"), []);
                break;
            default:
                File.Delete(stored + ".receipt.cose");
                break;
        }

        await harness.RestartAsync();

        Assert.False(Directory.Exists(incoming));
        Assert.Equal(manifest, File.ReadAllBytes(stored + ".manifest.cose"));
        Assert.Equal(content, File.ReadAllBytes(stored + ".segment"));
        var receipt = ReceiptReader.Read(File.ReadAllBytes(stored + ".receipt.cose"), harness.Pki.Receipt);
        Assert.Equal((long)content.Length, receipt.ContentLength);
        Assert.Equal(SHA256.HashData(manifest), receipt.ManifestDigest);
        HttpResponseMessage head = await harness.ClientFor(camera).HeadAsync("/files/" + id);
        Assert.Equal(Convert.ToBase64String(File.ReadAllBytes(stored + ".receipt.cose")), TusClient.Header(head, "CamAgent-Receipt"));
    }

    [Fact]
    public async Task Completes_At_Start_An_Upload_Whose_Last_Byte_Arrived_Before_The_Crash()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-r3");
        byte[] content = RandomNumberGenerator.GetBytes(30_000);
        TusClient client = harness.ClientFor(camera);
        HttpResponseMessage created = await client.CreateAsync(camera.Seal(content), content.Length);
        Expect.Status(HttpStatusCode.NoContent, await client.PatchAsync(created.Headers.Location!.OriginalString, 0, content, 0, 10_000));
        await harness.Server.DisposeAsync();
        File.WriteAllBytes(Path.Combine(harness.StorePath, "incoming", TestCamera.UploadIdOf("cam-r3", 0), "data"), content);

        await harness.RestartAsync();
        HttpResponseMessage head = await harness.ClientFor(camera).HeadAsync(created.Headers.Location!.OriginalString);

        Assert.Equal("30000", TusClient.Header(head, "Upload-Offset"));
        Assert.NotNull(TusClient.Header(head, "CamAgent-Receipt"));
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(harness.StorePath, "devices", "cam-r3", "00000000000000000000.segment")));
    }

    [Fact]
    public async Task Removes_Half_Created_Upload_Folders_At_Start()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        await harness.Server.DisposeAsync();
        string leftover = Path.Combine(harness.StorePath, "incoming", ".creating-cam-x-00000000000000000000-abc");
        Directory.CreateDirectory(leftover);
        File.WriteAllBytes(Path.Combine(leftover, "manifest.cose"), new byte[] { 1, 2, 3 });

        await harness.RestartAsync();

        Assert.False(Directory.Exists(leftover));
    }

    [Fact]
    public async Task Expires_An_Idle_Upload_With_410_And_An_Audit_Entry()
    {
        var clock = new ManualTimeProvider();
        await using IngestHarness harness = await IngestHarness.StartAsync(time: clock);
        TestCamera camera = harness.NewCamera("cam-r4");
        TusClient client = harness.ClientFor(camera);
        HttpResponseMessage created = await client.CreateAsync(camera.Seal(new byte[100]), 100);
        string location = created.Headers.Location!.OriginalString;
        Assert.NotNull(TusClient.Header(created, "Upload-Expires"));

        clock.Now = clock.Now.AddHours(harness.Options.Limits.UploadExpiryHours + 1);
        HttpResponseMessage patch = await client.PatchAsync(location, 0, new byte[100]);

        Expect.Rejected(harness, patch, 410, "upload-gone");
        Assert.Contains(harness.AuditEntries(), e => e.GetProperty("op").GetString() == "expire" && e.GetProperty("upload").GetString() == TestCamera.UploadIdOf("cam-r4", 0));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(harness.StorePath, "incoming")));
    }

    [Fact]
    public async Task The_Sweep_Removes_And_Audits_An_Upload_Nobody_Asks_For_Again_And_Leaves_Live_Ones()
    {
        var clock = new ManualTimeProvider();
        await using IngestHarness harness = await IngestHarness.StartAsync(time: clock);
        TestCamera lost = harness.NewCamera("cam-r5");
        HttpResponseMessage abandoned = await harness.ClientFor(lost).CreateAsync(lost.Seal(new byte[100]), 100);
        Expect.Status(HttpStatusCode.Created, abandoned);
        string abandonedId = TestCamera.UploadIdOf("cam-r5", 0);

        // A day short of expiry: the sweep leaves it.
        clock.Now = clock.Now.AddHours(harness.Options.Limits.UploadExpiryHours - 24);
        Assert.Equal(0, await harness.Server.SweepExpiredAsync());
        TestCamera active = harness.NewCamera("cam-r6");
        Expect.Status(HttpStatusCode.Created, await harness.ClientFor(active).CreateAsync(active.Seal(new byte[100]), 100));

        clock.Now = clock.Now.AddHours(25);
        Assert.Equal(1, await harness.Server.SweepExpiredAsync());

        Assert.False(Directory.Exists(Path.Combine(harness.StorePath, "incoming", abandonedId)));
        Assert.True(Directory.Exists(Path.Combine(harness.StorePath, "incoming", TestCamera.UploadIdOf("cam-r6", 0))));
        JsonElement line = Assert.Single(harness.AuditEntries(), e => e.GetProperty("op").GetString() == "expire");
        Assert.Equal(abandonedId, line.GetProperty("upload").GetString());
        Assert.Equal("cam-r5", line.GetProperty("device").GetString());
        Assert.Equal(0, line.GetProperty("sequence").GetInt64());
        Expect.Rejected(harness, await harness.ClientFor(lost).HeadAsync(abandoned.Headers.Location!.OriginalString), 410, "upload-gone");
        Assert.Equal(0, await harness.Server.SweepExpiredAsync());
    }
}
