using System.Net;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>The per-device limit on open uploads (429 too-many-open-uploads) counts one device's uploads, and only those still open.</summary>
public sealed class OpenUploadLimitTests
{
    [Fact]
    public async Task The_Open_Upload_Limit_Counts_Each_Device_Apart_And_A_Slot_Frees_When_An_Upload_Ends()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-limit");
        TusClient client = harness.ClientFor(camera);
        var locations = new List<string>();
        for (int i = 0; i < harness.Options.Limits.MaxOpenUploadsPerDevice; i++)
        {
            HttpResponseMessage created = await client.CreateAsync(camera.Seal(new byte[] { 1 }), 1);
            Expect.Status(HttpStatusCode.Created, created);
            locations.Add(created.Headers.Location!.OriginalString);
        }

        TestCamera other = harness.NewCamera("cam-other");
        Expect.Status(HttpStatusCode.Created, await harness.ClientFor(other).CreateAsync(other.Seal(new byte[] { 1 }), 1));

        Expect.Status(HttpStatusCode.NoContent, await client.DeleteAsync(locations[0]));
        Expect.Status(HttpStatusCode.Created, await client.CreateAsync(camera.Seal(new byte[] { 1 }), 1));
        Expect.Status(HttpStatusCode.NoContent, await client.PatchAsync(locations[1], 0, new byte[] { 1 }));
        Expect.Status(HttpStatusCode.Created, await client.CreateAsync(camera.Seal(new byte[] { 1 }), 1));

        Expect.Rejected(harness, await client.CreateAsync(camera.Seal(new byte[] { 1 }), 1), 429, "too-many-open-uploads");
    }
}
