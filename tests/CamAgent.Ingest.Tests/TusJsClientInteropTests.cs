using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CamAgent.Core.Evidence;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// tus-js-client, an independent tus 1.0.0 client (tests/interop/tus-upload.js), uploads records
/// to the real ingest server over mutual TLS with a device certificate: docs/upload-protocol.md
/// "Interoperability".
/// </summary>
public sealed class TusJsClientInteropTests
{
    private const int ChunkSizeBytes = 16 * 1024;

    /// <summary>Five full 16 KiB chunks and a short one: six PATCHes.</summary>
    private const int ContentBytes = 5 * ChunkSizeBytes + 1234;

    /// <summary>Inside the third PATCH, not on a chunk boundary.</summary>
    private const int CutAtByte = 2 * ChunkSizeBytes + 5000;

    [Fact]
    public async Task Tus_Js_Client_Uploads_A_Segment_In_16_KiB_Patches_Stored_Byte_Identical_With_A_Valid_Receipt()
    {
        InteropNode.EnsurePackages();
        await using IngestHarness harness = await IngestHarness.StartAsync();
        using var temp = new TempDirectory();
        TestCamera camera = harness.NewCamera("cam-tusjs");
        byte[] content = Content(1);
        ulong sequence = camera.NextSequence;
        byte[] manifest = camera.Seal(content);

        UploadResult result = Upload(harness, camera, temp, content, manifest, cutAtByte: null);

        Assert.Equal(["POST 201", .. Enumerable.Repeat("PATCH 204", 6)], result.Requests);
        Assert.Null(result.ResumedFrom);
        AssertStoredWithReceipt(harness, camera, sequence, content, manifest, result);
    }

    [Fact]
    public async Task Tus_Js_Client_Resumes_An_Upload_Cut_Mid_Patch_From_The_Servers_Offset_And_The_Segment_Is_Stored_Byte_Identical()
    {
        InteropNode.EnsurePackages();
        await using IngestHarness harness = await IngestHarness.StartAsync();
        using var temp = new TempDirectory();
        TestCamera camera = harness.NewCamera("cam-tusjs");
        byte[] content = Content(2);
        ulong sequence = camera.NextSequence;
        byte[] manifest = camera.Seal(content);

        UploadResult result = Upload(harness, camera, temp, content, manifest, CutAtByte);

        // The server kept the 5000 bytes of the cut PATCH that arrived (docs/upload-protocol.md
        // §3.4); the second Upload learnt that offset with HEAD and sent only the rest, in three
        // PATCHes (45,386 bytes).
        Assert.Equal(CutAtByte, result.ResumedFrom);
        Assert.Equal(["POST 201", "PATCH 204", "PATCH 204", "HEAD 200", "PATCH 204", "PATCH 204", "PATCH 204"], result.Requests);
        AssertStoredWithReceipt(harness, camera, sequence, content, manifest, result);
    }

    private sealed record UploadResult(string Url, long Offset, string? Receipt, long? ResumedFrom, string[] Requests);

    private static byte[] Content(int seed)
    {
        byte[] content = new byte[ContentBytes];
        new Random(seed).NextBytes(content);
        return content;
    }

    /// <summary>Runs tus-upload.js with the camera's certificate and key (a 0600 file) and the agency root as its trust anchor.</summary>
    private static UploadResult Upload(IngestHarness harness, TestCamera camera, TempDirectory temp, byte[] content, byte[] manifest, int? cutAtByte)
    {
        File.WriteAllBytes(temp.Combine("content.bin"), content);
        File.WriteAllBytes(temp.Combine("manifest.cose"), manifest);
        var arguments = new List<string>
        {
            "tus-upload.js",
            "--endpoint", new Uri(harness.BaseAddress, "files/").ToString(),
            "--content", temp.Combine("content.bin"),
            "--manifest", temp.Combine("manifest.cose"),
            "--cert", InteropNode.WriteCertificates(temp.Combine("camera.crt.pem"), camera.Certificate),
            "--key", InteropNode.WriteKey(temp.Combine("camera.key.pem"), camera.Certificate.GetECDsaPrivateKey()!),
            "--ca", InteropNode.WriteCertificates(temp.Combine("root-ca.crt.pem"), harness.Pki.Root),
        };
        if (cutAtByte is int cut)
        {
            arguments.AddRange(["--cut-at", cut.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        ExternalTool.Result run = ExternalTool.Run("node", arguments, InteropNode.Folder);
        Assert.True(run.ExitCode == 0, $"tus-upload.js exited {run.ExitCode}: {run.Error}{run.Output}");
        return JsonSerializer.Deserialize<UploadResult>(run.Output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private static void AssertStoredWithReceipt(IngestHarness harness, TestCamera camera, ulong sequence, byte[] content, byte[] manifest, UploadResult result)
    {
        string uploadId = TestCamera.UploadIdOf(camera.DeviceId, sequence);
        Assert.Equal(new Uri(harness.BaseAddress, "/files/" + uploadId).ToString(), result.Url);
        Assert.Equal(content.Length, result.Offset);
        string prefix = Path.Combine(harness.StorePath, "devices", camera.DeviceId, sequence.ToString("D20", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(content.AsSpan().SequenceEqual(File.ReadAllBytes(prefix + ".segment")), "the stored segment differs from what tus-js-client uploaded");
        Assert.Equal(manifest, File.ReadAllBytes(prefix + ".manifest.cose"));

        Assert.NotNull(result.Receipt);
        byte[] receiptBytes = Convert.FromBase64String(result.Receipt);
        Assert.Equal(File.ReadAllBytes(prefix + ".receipt.cose"), receiptBytes);
        Receipt receipt = ReceiptReader.Read(receiptBytes, harness.Pki.Receipt);
        Assert.Equal(camera.DeviceId, receipt.DeviceId);
        Assert.Equal((long)sequence, receipt.Sequence);
        Assert.Equal(content.Length, receipt.ContentLength);
        Assert.Equal(uploadId, receipt.UploadId);
    }
}
