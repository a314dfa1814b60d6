using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// docs/upload-protocol.md §3.4: a device whose link broke mid-PATCH reconnects and asks HEAD at
/// once. Its old connection may still hold the start of that PATCH, not yet read by the server;
/// HEAD waits for it (boundedly), so the answer counts the bytes the server is about to keep and
/// the device does not send them again.
/// </summary>
public sealed class CutConnectionTests
{
    private const int Chunk = 16_384;

    [Fact]
    public async Task Head_Waits_For_A_Patch_Still_Arriving_On_The_Devices_Old_Connection()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        (TestCamera camera, TusClient client, string location, byte[] content) = await UploadFirstChunkAsync(harness, "cam-cut", 3);

        // The old connection, which has served the device before (a HEAD here), now holds a
        // PATCH's head all but its last line, so the server has not read that request yet.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, harness.Server.EndPoint.Port);
        using SslStream old = await RawHttp.ConnectTlsAsync(tcp.GetStream(), harness.Pki.Root, camera.Certificate);
        await old.WriteAsync(Encoding.ASCII.GetBytes($"HEAD {location} HTTP/1.1\r\nHost: ingest.test\r\nTus-Resumable: 1.0.0\r\n\r\n"));
        await old.FlushAsync();
        Assert.Equal(Chunk.ToString(), (await RawHttp.ReadHeadAsync(old)).Header("Upload-Offset"));
        string head = $"PATCH {location} HTTP/1.1\r\nHost: ingest.test\r\nTus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: {Chunk}\r\nContent-Length: {Chunk}\r\n";
        await old.WriteAsync(Encoding.ASCII.GetBytes(head));
        await old.FlushAsync();

        // The device, reconnected (which takes it a handshake; by then the server has read what
        // reached the old connection), asks where to resume.
        await Task.Delay(200);
        Task<HttpResponseMessage> resume = client.HeadAsync(location);
        await Task.Delay(300);
        Assert.False(resume.IsCompleted, "HEAD answered while the device's old connection still held an unread request");

        // The rest of the old request arrives, 5,000 body bytes of it, and the link drops.
        byte[] rest = [.. Encoding.ASCII.GetBytes("\r\n"), .. content[Chunk..(Chunk + 5_000)]];
        await old.WriteAsync(rest);
        await old.FlushAsync();
        tcp.Client.Shutdown(SocketShutdown.Send);

        HttpResponseMessage answer = await resume;
        Expect.Status(HttpStatusCode.OK, answer);
        Assert.Equal((Chunk + 5_000).ToString(), TusClient.Header(answer, "Upload-Offset"));
        Expect.Status(HttpStatusCode.NoContent, await client.PatchAsync(location, Chunk + 5_000, content[(Chunk + 5_000)..]));
    }

    [Fact]
    public async Task Head_Does_Not_Wait_For_An_Idle_Connection_Of_The_Same_Device()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        (TestCamera camera, _, string location, _) = await UploadFirstChunkAsync(harness, "cam-idle", 2);

        // The first client's connection stays open and idle; a second connection asks HEAD.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage answer = await harness.ClientFor(camera).HeadAsync(location);

        Expect.Status(HttpStatusCode.OK, answer);
        Assert.Equal(Chunk.ToString(), TusClient.Header(answer, "Upload-Offset"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"HEAD waited {clock.Elapsed.TotalMilliseconds:F0} ms for an idle connection");
    }

    // A device's upload of `chunks` chunks, the first of them acknowledged; its client's connection stays open.
    private static async Task<(TestCamera Camera, TusClient Client, string Location, byte[] Content)> UploadFirstChunkAsync(IngestHarness harness, string deviceId, int chunks)
    {
        TestCamera camera = harness.NewCamera(deviceId);
        TusClient client = harness.ClientFor(camera);
        byte[] content = RandomNumberGenerator.GetBytes(chunks * Chunk);
        HttpResponseMessage created = await client.CreateAsync(camera.Seal(content), content.Length);
        string location = created.Headers.Location!.OriginalString;
        Expect.Status(HttpStatusCode.NoContent, await client.PatchAsync(location, 0, content[..Chunk]));
        return (camera, client, location, content);
    }
}
