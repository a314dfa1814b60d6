using System.Net;
using System.Security.Cryptography;
using CamAgent.Core.Egress;
using CamAgent.Core.Evidence;
using CamAgent.Core.Tests.UploadSupport;
using CamAgent.Core.Upload;
using CamAgent.Host.Tls;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Verification;
using Xunit.Abstractions;
using TusClient = CamAgent.Core.Upload.TusClient;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// The device's upload client against the real ingest server over real mutual TLS, with the link
/// cut at seeded random byte positions of what the device writes (and a few of what it reads).
/// </summary>
public sealed class ResumeTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 1;
    private const int Segments = 5;
    private const int MinSegmentBytes = 200 * 1024;
    private const int MaxSegmentBytes = 400 * 1024;

    /// <summary>
    /// docs/upload-protocol.md §3.4 and §5: the server keeps every body byte that arrived before a
    /// cut, even when the cut reaches it before the request does, and the device resumes at the
    /// server's offset, so a cut costs at most the rest of the chunk being written when it struck.
    /// </summary>
    private const long MaxResentBytesPerCut = UploadLimits.DefaultChunkSizeBytes;

    [Fact]
    public async Task Every_Upload_Completes_Byte_Identical_With_A_Verified_Receipt_Through_Two_Hundred_Cuts_Resending_At_Most_One_Chunk_Per_Cut()
    {
        bool soak = Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1";
        int seed = Environment.GetEnvironmentVariable("CAMAGENT_RESUME_SEED") is { } s ? int.Parse(s) : DefaultSeed;
        int writeCuts = soak ? 1000 : 200;
        int segments = soak ? 4 * Segments : Segments;
        var random = new Random(seed);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-resume");
        var records = new List<(long Sequence, byte[] Manifest, byte[]? Content)> { Seal(camera, null) };
        for (int i = 0; i < segments; i++)
        {
            records.Add(Seal(camera, RandomBytes(random, random.Next(MinSegmentBytes, MaxSegmentBytes))));
        }

        long total = records.Sum(r => (long)(r.Content?.Length ?? 0));
        var ports = new DevicePorts();
        var connector = new CuttingConnector(
            RealConnector(harness, camera, ports),
            Enumerable.Range(0, writeCuts).Select(_ => random.NextInt64(total)),
            Enumerable.Range(0, writeCuts / 10).Select(_ => random.NextInt64(records.Count * 1_000L)));
        TusClient client = PinnedClient(harness, connector, ports);
        var meter = new ResendMeter(client, connector);

        foreach ((long sequence, byte[] manifest, byte[]? content) in records)
        {
            client.Begin(new UploadJob(sequence, manifest, 0, manifest.Length, content is null ? null : new MemoryStream(content, false), content?.Length ?? 0));
            UploadStatus status = meter.Drive();
            Assert.True(status == UploadStatus.Completed, $"seed {seed}: record {sequence}: {status} {client.Failure} {client.LastStatusCode} {client.LastErrorCode} {client.TransportStatus}");
            AssertStored(harness, camera, client, sequence, manifest, content);
            meter.Completed(content?.Length ?? 0);
        }

        client.Close();
        int cuts = connector.WriteCutsMade + connector.ReadCutsMade;
        long resent = client.ContentBytesSent - total;
        output.WriteLine($"seed {seed}: {records.Count} records, {total} content bytes, {cuts} cuts ({connector.WriteCutsMade} writing, {connector.ReadCutsMade} reading), " +
            $"{resent} bytes re-sent: max {meter.MaxResentPerCut} per cut, mean {(double)resent / cuts:F0}; {client.Connections} connections; {started.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(writeCuts, connector.WriteCutsMade);
        Assert.True(connector.ReadCutsMade > 0, "some answers should have been lost too");
        Assert.Equal(cuts + 1, client.Connections);
        Assert.True(meter.MaxResentPerCut <= MaxResentBytesPerCut, $"seed {seed}: one cut cost {meter.MaxResentPerCut} re-sent bytes");
        Assert.True(resent <= cuts * MaxResentBytesPerCut, $"seed {seed}: re-sent {resent} bytes over {cuts} cuts");
        AssertChainVerifies(harness);
    }

    private static (long, byte[], byte[]?) Seal(TestCamera camera, byte[]? content)
    {
        long sequence = (long)camera.NextSequence;
        return (sequence, camera.Seal(content ?? Array.Empty<byte>(), isSegment: content is not null), content);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        byte[] bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static TlsConnector RealConnector(IngestHarness harness, TestCamera camera, DevicePorts ports) =>
        new(harness.Pki.Root, camera.Certificate, ports, new TlsConnectorOptions
        {
            HandshakeTimeoutMs = 20_000,
            ReadWriteTimeoutMs = 20_000,
            TestOnlyDialOverride = new IPEndPoint(IPAddress.Loopback, harness.Server.EndPoint.Port),
        });

    private static TusClient PinnedClient(IngestHarness harness, CuttingConnector connector, DevicePorts ports)
    {
        ECParameters receiptKey = harness.Pki.ReceiptKey.ExportParameters(false);
        byte[] pinned = [0x04, .. receiptKey.Q.X!, .. receiptKey.Q.Y!];
        return new TusClient(new AgencyEndpoint(connector, TestPki.ServerName, ports), new PinnedReceiptChecker(pinned, 0), ports, ports, ports, new TusClientOptions { ConnectTimeoutMs = 20_000 });
    }

    private static void AssertStored(IngestHarness harness, TestCamera camera, TusClient client, long sequence, byte[] manifest, byte[]? content)
    {
        Assert.Equal(ReceiptCheckStatus.Valid, client.ReceiptCheck);
        string prefix = Path.Combine(harness.StorePath, "devices", camera.DeviceId, sequence.ToString("D20"));
        Assert.Equal(manifest, File.ReadAllBytes(prefix + ".manifest.cose"));
        byte[] receiptBytes = File.ReadAllBytes(prefix + ".receipt.cose");
        Assert.Equal(client.Receipt[..client.ReceiptLength], receiptBytes);
        Receipt receipt = ReceiptReader.Read(receiptBytes, harness.Pki.Receipt);
        Assert.Equal(sequence, receipt.Sequence);
        Assert.Equal(content?.Length ?? 0, receipt.ContentLength);
        if (content is not null)
        {
            Assert.True(content.AsSpan().SequenceEqual(File.ReadAllBytes(prefix + ".segment")), $"record {sequence}: stored segment differs");
        }
    }

    private static void AssertChainVerifies(IngestHarness harness)
    {
        var options = new VerificationOptions(new[] { harness.Pki.DeviceCa, harness.Pki.Root }) { ReceiptSigner = harness.Pki.Receipt };
        VerificationReport? report = EvidenceVerifier.Verify(harness.StorePath, options, out string? problem);
        Assert.Null(problem);
        Assert.True(report!.IsValid, string.Join("; ", report.AllFindings.Select(f => f.ToString())));
    }
}
