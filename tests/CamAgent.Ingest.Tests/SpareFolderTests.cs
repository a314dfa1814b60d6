using System.Net;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// The filesystem store keeps a completed upload's emptied folder under a staging name and the
/// next creation fills it and renames it into place, instead of removing one folder and making
/// another for every upload (no inode freed per upload).
/// </summary>
public sealed class SpareFolderTests
{
    [Fact]
    public async Task A_Completed_Uploads_Emptied_Folder_Is_Kept_And_The_Next_Creation_Moves_Into_It()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-spare");
        TusClient client = harness.ClientFor(camera);
        string incoming = Path.Combine(harness.StorePath, "incoming");

        Expect.Status(HttpStatusCode.NoContent, await client.UploadAsync(camera.Seal(new byte[40_000]), new byte[40_000]));

        string spare = Assert.Single(Directory.EnumerateDirectories(incoming));
        Assert.StartsWith(StoreLayout.CreatingPrefix, Path.GetFileName(spare), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(spare));
        Expect.NoUnfinishedUpload(harness.StorePath);

        ulong next = camera.NextSequence;
        Expect.Status(HttpStatusCode.Created, await client.CreateAsync(camera.Seal(new byte[500]), 500));

        // The spare became the new upload's folder: no other folder was made, none is left.
        string upload = Assert.Single(Directory.EnumerateDirectories(incoming));
        Assert.Equal(TestCamera.UploadIdOf(camera.DeviceId, next), Path.GetFileName(upload));
        Assert.False(Directory.Exists(spare));
        Assert.Equal(new[] { StoreLayout.DataFileName, StoreLayout.ManifestFileName }, Directory.EnumerateFiles(upload).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_Folder_That_Still_Holds_A_File_Is_Removed_Not_Kept()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-spare-2");
        TusClient client = harness.ClientFor(camera);

        // A continuity record has no content: its (empty) data file stays behind in the folder,
        // which therefore is not clean enough to hand to the next creation.
        Expect.Status(HttpStatusCode.Created, await client.CreateAsync(camera.SealPowerLoss(skipped: 1), 0));

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(harness.StorePath, "incoming")));
    }

    [Fact]
    public async Task Spare_Folders_Are_Removed_At_Start()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-spare-3");
        TusClient client = harness.ClientFor(camera);
        for (int i = 0; i < 3; i++)
        {
            Expect.Status(HttpStatusCode.NoContent, await client.UploadAsync(camera.Seal(new byte[1000]), new byte[1000]));
        }

        Assert.NotEmpty(Directory.EnumerateDirectories(Path.Combine(harness.StorePath, "incoming")));
        await harness.RestartAsync();

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(harness.StorePath, "incoming")));
    }
}
