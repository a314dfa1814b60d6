using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CamAgent.Core.Egress;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.UploadSupport;
using CamAgent.Core.Upload;
using CamAgent.Host.Tls;
using CamAgent.Ingest.Tests.Support;
using Xunit.Abstractions;
using TusClient = CamAgent.Core.Upload.TusClient;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// The device's upload client (Core's TusClient over the host TLS connector) against @tus/server
/// with @tus/file-store, an independent tus 1.0.0 server (tests/interop/tus-server.js) that
/// requires a device certificate: docs/upload-protocol.md "Interoperability".
/// </summary>
public sealed class TusNodeServerInteropTests(ITestOutputHelper output)
{
    private const int Seed = 7;
    private const int Cuts = 10;
    private const int ContentBytes = 600 * 1024;

    /// <summary>Polls after the full length is acknowledged: enough to show the delay doubling.</summary>
    private const int ReceiptPolls = 6;

    private const int MaxSteps = 1_000;

    [Fact]
    public void Core_Client_Stores_A_Segment_Byte_Identical_Through_Ten_Cuts_But_Never_Completes_Without_A_Receipt_And_Keeps_Asking_With_Backoff()
    {
        InteropNode.EnsurePackages();
        var random = new Random(Seed);
        using var temp = new TempDirectory();
        var pki = new TestPki();
        var camera = new TestCamera(pki.IssueDevice("cam-tusnode"));
        byte[] content = new byte[ContentBytes];
        random.NextBytes(content);
        long sequence = (long)camera.NextSequence;
        byte[] manifest = camera.Seal(content);
        string store = temp.Combine("tus-store");
        using TusNodeServer server = StartServer(temp, pki, store);
        var ports = new DevicePorts();
        var connector = new CuttingConnector(
            new TlsConnector(pki.Root, camera.Certificate, ports, new TlsConnectorOptions
            {
                HandshakeTimeoutMs = 20_000,
                ReadWriteTimeoutMs = 20_000,
                TestOnlyDialOverride = new IPEndPoint(IPAddress.Loopback, server.Port),
            }),
            Enumerable.Range(0, Cuts).Select(_ => random.NextInt64(ContentBytes)),
            []);
        var policy = new RetryPolicy();
        TusClient client = DeviceClient(pki, connector, ports, policy);
        client.Begin(new UploadJob(sequence, manifest, 0, manifest.Length, new MemoryStream(content, false), content.Length));

        StepUntilReceiptPending(client, server);
        List<int> delaysMs = PollForReceipt(client, content.Length);
        client.Close();

        output.WriteLine($"{connector.WriteCutsMade} cuts, {client.Connections} connections, {client.ContentBytesSent} content bytes sent for {content.Length}; receipt polls waited {string.Join(", ", delaysMs)} ms");
        Assert.Equal(Cuts, connector.WriteCutsMade);
        // One connection per cut, plus the first, plus one: @tus/server frames its 201 with chunked
        // encoding, after which the client closes the connection (docs/upload-protocol.md §2).
        Assert.Equal(Cuts + 2, client.Connections);
        AssertDoubling(policy, delaysMs);
        AssertStoredByFileStore(store, content, manifest);
    }

    /// <summary>The server certificate and key from the test PKI; clients need a certificate the device CA issued.</summary>
    private static TusNodeServer StartServer(TempDirectory temp, TestPki pki, string store) => TusNodeServer.Start(
        store,
        InteropNode.WriteCertificates(temp.Combine("tls.crt.pem"), pki.Server, pki.Root),
        InteropNode.WriteKey(temp.Combine("tls.key.pem"), pki.ServerKey),
        InteropNode.WriteCertificates(temp.Combine("device-ca.crt.pem"), pki.DeviceCa),
        InteropNode.WriteCertificates(temp.Combine("root-ca.crt.pem"), pki.Root));

    /// <summary>Core's client as the device runs it: the agency host on port 443, a pinned receipt key, and the highest jitter so delays are exact.</summary>
    private static TusClient DeviceClient(TestPki pki, ITlsConnector connector, DevicePorts ports, RetryPolicy policy)
    {
        ECParameters receiptKey = pki.ReceiptKey.ExportParameters(false);
        byte[] pinned = [0x04, .. receiptKey.Q.X!, .. receiptKey.Q.Y!];
        return new TusClient(new AgencyEndpoint(connector, TestPki.ServerName, ports), new PinnedReceiptChecker(pinned, 0), new HighestJitter(), ports, ports, new TusClientOptions { ConnectTimeoutMs = 20_000, RetryPolicy = policy });
    }

    /// <summary>Plays the agent loop without waiting out the delays, until the client reports the full length acknowledged without a receipt.</summary>
    private static void StepUntilReceiptPending(TusClient client, TusNodeServer server)
    {
        for (int step = 0; step < MaxSteps; step++)
        {
            UploadStatus status = client.Step();
            Assert.True(status is UploadStatus.InProgress or UploadStatus.RetryLater, $"step {step}: {status} {client.Failure} HTTP {client.LastStatusCode} {client.LastErrorCode} {client.TransportStatus} {server.Errors}");
            if (status == UploadStatus.RetryLater && client.Failure == UploadFailure.ReceiptPending)
            {
                return;
            }

            Assert.True(status == UploadStatus.InProgress || client.Failure == UploadFailure.TransportFailed, $"step {step}: {client.Failure} HTTP {client.LastStatusCode} {client.TransportStatus}");
        }

        throw new TimeoutException($"the upload did not reach the full length in {MaxSteps} steps");
    }

    /// <summary>
    /// A record may only be deleted after a verified receipt, and this server gives none: every
    /// HEAD shows the full length, and the client keeps the record and asks again later.
    /// </summary>
    private static List<int> PollForReceipt(TusClient client, long contentLength)
    {
        var delaysMs = new List<int> { client.RetryDelayMs };
        for (int poll = 0; poll < ReceiptPolls; poll++)
        {
            Assert.Equal(UploadStatus.RetryLater, client.Step());
            Assert.Equal(UploadFailure.ReceiptPending, client.Failure);
            Assert.Equal(200, client.LastStatusCode);
            Assert.Null(client.LastErrorCode);
            Assert.Equal(contentLength, client.AcknowledgedOffset);
            Assert.Equal(0, client.ReceiptLength);
            delaysMs.Add(client.RetryDelayMs);
        }

        return delaysMs;
    }

    /// <summary>docs/upload-protocol.md §7: each consecutive poll without a receipt doubles the backoff ceiling (highest jitter: the ceiling itself).</summary>
    private static void AssertDoubling(RetryPolicy policy, List<int> delaysMs)
    {
        int first = Enumerable.Range(1, 32).First(n => policy.CeilingMs(n) == delaysMs[0]);
        Assert.Equal(Enumerable.Range(first, delaysMs.Count).Select(policy.CeilingMs), delaysMs);
    }

    /// <summary>@tus/file-store keeps &lt;id&gt; (the bytes) and &lt;id&gt;.json (size, metadata) per upload.</summary>
    private static void AssertStoredByFileStore(string store, byte[] content, byte[] manifest)
    {
        string info = Assert.Single(Directory.GetFiles(store, "*.json"));
        using JsonDocument upload = JsonDocument.Parse(File.ReadAllText(info));
        Assert.Equal(content.Length, upload.RootElement.GetProperty("size").GetInt64());
        Assert.Equal(manifest, Convert.FromBase64String(upload.RootElement.GetProperty("metadata").GetProperty("manifest").GetString()!));
        byte[] stored = File.ReadAllBytes(Path.ChangeExtension(info, null));
        Assert.True(content.AsSpan().SequenceEqual(stored), $"the file-store data differs from the content ({stored.Length} of {content.Length} bytes)");
    }

    /// <summary>Jitter at its maximum, so every backoff delay is its ceiling and the sequence is exact.</summary>
    private sealed class HighestJitter : IRandomSource
    {
        public void Fill(byte[] buffer, int offset, int count) => buffer.AsSpan(offset, count).Fill(0xFF);
    }
}
