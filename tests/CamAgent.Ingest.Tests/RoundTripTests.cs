using System.Net;
using System.Security.Cryptography;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Verification;

namespace CamAgent.Ingest.Tests;

public sealed class RoundTripTests
{
    [Fact]
    public async Task Stores_Segments_Byte_Identical_With_A_Signed_Receipt()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-0001");
        TusClient client = harness.ClientFor(camera);
        var random = new Random(1234);
        int[] lengths = { 1, TestCamera.ChunkSizeBytes - 1, TestCamera.ChunkSizeBytes, TestCamera.ChunkSizeBytes + 1, 3 * TestCamera.ChunkSizeBytes + 77 };
        foreach (int length in lengths)
        {
            byte[] content = new byte[length];
            random.NextBytes(content);
            ulong sequence = camera.NextSequence;
            byte[] manifest = camera.Seal(content);

            HttpResponseMessage last = await client.UploadAsync(manifest, content);

            Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
            Assert.Equal(length.ToString(), TusClient.Header(last, "Upload-Offset"));
            var receipt = ReceiptReader.Read(Convert.FromBase64String(TusClient.Header(last, "CamAgent-Receipt")!), harness.Pki.Receipt);
            Assert.Equal(camera.DeviceId, receipt.DeviceId);
            Assert.Equal((long)sequence, receipt.Sequence);
            Assert.Equal(length, receipt.ContentLength);
            Assert.Equal(SHA256.HashData(manifest), receipt.ManifestDigest);
            Assert.Equal(TestCamera.UploadIdOf(camera.DeviceId, sequence), receipt.UploadId);
            string prefix = Path.Combine(harness.StorePath, "devices", camera.DeviceId, sequence.ToString("D20"));
            Assert.Equal(content, File.ReadAllBytes(prefix + ".segment"));
            Assert.Equal(manifest, File.ReadAllBytes(prefix + ".manifest.cose"));
            Assert.True(File.Exists(prefix + ".receipt.cose"));
        }

        Expect.NoUnfinishedUpload(harness.StorePath);
        var accepted = harness.AuditEntries().Where(e => e.GetProperty("outcome").GetString() == "accept").Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, lengths.Length).SelectMany(_ => new[] { "created", "stored" }), accepted);
    }

    [Fact]
    public async Task Continuity_Record_Is_Stored_And_Receipted_At_Creation()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-0002");
        TusClient client = harness.ClientFor(camera);
        byte[] manifest = camera.Seal(Array.Empty<byte>(), isSegment: false);

        HttpResponseMessage created = await client.CreateAsync(manifest, 0);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(TusClient.Header(created, "CamAgent-Receipt"));
        Assert.Equal(new[] { Path.Combine("cam-0002", "00000000000000000000.manifest.cose"), Path.Combine("cam-0002", "00000000000000000000.receipt.cose") }, harness.StoredFiles());
        HttpResponseMessage head = await client.HeadAsync(created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(TusClient.Header(created, "CamAgent-Receipt"), TusClient.Header(head, "CamAgent-Receipt"));
    }

    [Fact]
    public async Task Head_After_Completion_Returns_The_Receipt_And_Full_Offset()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-0003");
        TusClient client = harness.ClientFor(camera);
        byte[] content = RandomNumberGenerator.GetBytes(40_000);
        byte[] manifest = camera.Seal(content);
        HttpResponseMessage last = await client.UploadAsync(manifest, content);

        HttpResponseMessage head = await client.HeadAsync("/files/" + TestCamera.UploadIdOf(camera.DeviceId, 0));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("40000", TusClient.Header(head, "Upload-Offset"));
        Assert.Equal("40000", TusClient.Header(head, "Upload-Length"));
        Assert.Equal("no-store", head.Headers.CacheControl?.ToString());
        Assert.Equal(TusClient.Header(last, "CamAgent-Receipt"), TusClient.Header(head, "CamAgent-Receipt"));

        // The receipt given again is recorded again: the log names the record even if the
        // completion's own line was lost with the node that wrote the record.
        List<System.Text.Json.JsonElement> stored = harness.AuditEntries().Where(e => e.GetProperty("code").GetString() == "stored").ToList();
        Assert.Equal(["patch", "head"], stored.Select(e => e.GetProperty("op").GetString()));
        Assert.All(stored, e => Assert.Equal(0, e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Offline_Verifier_Accepts_The_Chain_The_Server_Stored()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-0004");
        TusClient client = harness.ClientFor(camera);
        Expect.Status(HttpStatusCode.Created, await client.CreateAsync(camera.Seal(Array.Empty<byte>(), isSegment: false), 0));
        for (int i = 0; i < 4; i++)
        {
            byte[] content = RandomNumberGenerator.GetBytes(20_000 + i);
            Expect.Status(HttpStatusCode.NoContent, await client.UploadAsync(camera.Seal(content), content));
        }

        var options = new VerificationOptions(new[] { harness.Pki.DeviceCa, harness.Pki.Root }) { ReceiptSigner = harness.Pki.Receipt };
        VerificationReport? report = EvidenceVerifier.Verify(harness.StorePath, options, out string? problem);

        Assert.Null(problem);
        Assert.NotNull(report);
        Assert.True(report!.IsValid, string.Join("; ", report.AllFindings.Select(f => f.ToString())));
        Assert.Equal(0, report.ErrorCount);
    }

    [Fact]
    public async Task A_Power_Loss_Record_Declaring_Skipped_Numbers_Is_Accepted_And_The_Stored_Chain_Verifies()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-0005");
        TusClient client = harness.ClientFor(camera);
        byte[] content = RandomNumberGenerator.GetBytes(3_000);
        Expect.Status(HttpStatusCode.NoContent, await client.UploadAsync(camera.Seal(content), content));

        Expect.Status(HttpStatusCode.Created, await client.CreateAsync(camera.SealPowerLoss(skipped: 2), 0));
        Expect.Status(HttpStatusCode.NoContent, await client.UploadAsync(camera.Seal(content), content));

        var options = new VerificationOptions(new[] { harness.Pki.DeviceCa, harness.Pki.Root }) { ReceiptSigner = harness.Pki.Receipt };
        VerificationReport? report = EvidenceVerifier.Verify(harness.StorePath, options, out string? problem);
        Assert.Null(problem);
        Assert.True(report!.IsValid, string.Join("; ", report.AllFindings.Select(f => f.ToString())));
        Finding declared = Assert.Single(report.AllFindings, f => f.Kind == FindingKind.DeclaredGap);
        Assert.Equal(1, declared.Sequence);
    }
}
