using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Verification.Audit;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// A store whose file system is full (a real tmpfs filled to the brim; needs root): every request
/// that would store data is answered 503 storage-unavailable with Retry-After — never 500 — and
/// audited in the space the audit log keeps in reserve; acknowledged bytes stay intact and the
/// upload completes once space is freed (docs/ingest-server.md §5).
/// </summary>
public sealed class DiskFullTests
{
    private const int FileSystemMiB = 8;
    private const int Chunk = TestCamera.ChunkSizeBytes;

    [Fact]
    public async Task Full_Store_Refuses_Uploads_With_503_Audited_And_Completes_The_Upload_Once_Space_Is_Freed()
    {
        using SmallFileSystem disk = SmallFileSystem.Mount(FileSystemMiB);
        await using IngestHarness harness = await IngestHarness.StartAsync(o =>
        {
            o.StorePath = Path.Combine(disk.Root, "store");
            o.Limits.MinFreeStoreBytes = 256 * 1024;
        });
        await RunAsync(harness, disk);
    }

    [Fact]
    public async Task A_Write_That_Meets_A_Full_Disk_Is_Answered_503_Audited_And_Resumed_Once_Space_Is_Freed()
    {
        using SmallFileSystem disk = SmallFileSystem.Mount(FileSystemMiB);

        // No free-space margin: the PATCH's own write is what fails.
        await using IngestHarness harness = await IngestHarness.StartAsync(o =>
        {
            o.StorePath = Path.Combine(disk.Root, "store");
            o.Limits.MinFreeStoreBytes = 0;
        });
        await RunAsync(harness, disk);
    }

    private static async Task RunAsync(IngestHarness harness, SmallFileSystem disk)
    {
        TestCamera camera = harness.NewCamera("cam-full");
        TusClient client = harness.ClientFor(camera);
        byte[] content = RandomNumberGenerator.GetBytes(6 * Chunk);
        HttpResponseMessage created = await client.CreateAsync(camera.Seal(content), content.Length);
        string location = created.Headers.Location!.OriginalString;
        for (int offset = 0; offset < 3 * Chunk; offset += Chunk)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PatchAsync(location, offset, content, offset, Chunk)).StatusCode);
        }

        disk.FillToTheBrim();
        Assert.True(disk.IsFull());
        AssertStorageUnavailable(await client.PatchAsync(location, 3 * Chunk, content, 3 * Chunk, Chunk));
        byte[] next = RandomNumberGenerator.GetBytes(Chunk);
        AssertStorageUnavailable(await client.CreateAsync(camera.Seal(next), next.Length));
        long offsetWhileFull = await AcknowledgedIntactAsync(harness, client, location, content);
        AssertAuditedAndIntact(harness, expectedRefusals: 2);

        disk.Free();
        for (long offset = offsetWhileFull; offset < content.Length; offset += Chunk)
        {
            HttpResponseMessage patched = await client.PatchAsync(location, offset, content, (int)offset, (int)Math.Min(Chunk, content.Length - offset));
            Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        }

        string stored = Path.Combine(harness.StorePath, "devices", camera.DeviceId, UploadIdSequence(location) + ".segment");
        Assert.Equal(content, File.ReadAllBytes(stored));
        Assert.Equal("stored", harness.AuditEntries()[^1].GetProperty("code").GetString());
        Assert.True(AuditLogVerifier.Verify(Path.Combine(harness.StorePath, AuditLogFormat.FileName)).IsValid);
    }

    private static void AssertStorageUnavailable(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("storage-unavailable", TusClient.Header(response, "CamAgent-Error"));
        Assert.NotNull(response.Headers.RetryAfter);
    }

    // HEAD still answers while the disk is full: the offset covers every acknowledged byte, and those bytes are on disk.
    private static async Task<long> AcknowledgedIntactAsync(IngestHarness harness, TusClient client, string location, byte[] content)
    {
        HttpResponseMessage head = await client.HeadAsync(location);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        long offset = long.Parse(TusClient.Header(head, "Upload-Offset")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(offset, 3 * Chunk, content.Length);
        byte[] data = File.ReadAllBytes(Path.Combine(harness.StorePath, "incoming", location["/files/".Length..], "data"));
        Assert.Equal(content[..(int)offset], data[..(int)offset]);
        return offset;
    }

    private static void AssertAuditedAndIntact(IngestHarness harness, int expectedRefusals)
    {
        List<JsonElement> refusals = harness.AuditEntries().Where(e => e.GetProperty("code").GetString() == "storage-unavailable").ToList();
        Assert.Equal(expectedRefusals, refusals.Count);
        Assert.All(refusals, e => Assert.Equal(503, e.GetProperty("status").GetInt32()));
        Assert.True(AuditLogVerifier.Verify(Path.Combine(harness.StorePath, AuditLogFormat.FileName)).IsValid);
    }

    private static string UploadIdSequence(string location) => location[^20..];
}
