using System.Net;
using System.Security.Cryptography;
using CamAgent.Core.Egress;
using CamAgent.Core.Upload;
using TusClient = CamAgent.Core.Upload.TusClient;
using CamAgent.Host.Tls;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>The device's own upload client (CamAgent.Core) against the real server, with the receipt checked against the pinned key.</summary>
public sealed class CoreClientTests
{
    [Fact]
    public async Task Core_Client_Uploads_Segments_And_A_Continuity_Record_And_Accepts_The_Receipts()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-core");
        var ports = new DevicePorts();
        var connector = new TlsConnector(harness.Pki.Root, camera.Certificate, ports, new TlsConnectorOptions
        {
            HandshakeTimeoutMs = 20_000,
            ReadWriteTimeoutMs = 20_000,
            TestOnlyDialOverride = new IPEndPoint(IPAddress.Loopback, harness.Server.EndPoint.Port),
        });
        ECParameters receiptKey = harness.Pki.ReceiptKey.ExportParameters(false);
        byte[] pinned = [0x04, .. receiptKey.Q.X!, .. receiptKey.Q.Y!];
        var client = new TusClient(new AgencyEndpoint(connector, TestPki.ServerName, ports), new PinnedReceiptChecker(pinned, 0), ports, ports, ports, new TusClientOptions { ConnectTimeoutMs = 20_000 });
        var contents = new List<byte[]?> { null, RandomNumberGenerator.GetBytes(1), RandomNumberGenerator.GetBytes(50_000), RandomNumberGenerator.GetBytes(3 * TestCamera.ChunkSizeBytes) };

        foreach (byte[]? content in contents)
        {
            long sequence = (long)camera.NextSequence;
            byte[] manifest = camera.Seal(content ?? Array.Empty<byte>(), isSegment: content is not null);
            client.Begin(new UploadJob(sequence, manifest, 0, manifest.Length, content is null ? null : new MemoryStream(content, false), content?.Length ?? 0));

            UploadStatus status = Drive(client);

            Assert.True(status == UploadStatus.Completed, $"sequence {sequence}: {status} {client.Failure} {client.LastStatusCode} {client.LastErrorCode} {client.TransportStatus}");
            Assert.Equal(ReceiptCheckStatus.Valid, client.ReceiptCheck);
            string prefix = Path.Combine(harness.StorePath, "devices", "cam-core", sequence.ToString("D20"));
            Assert.Equal(manifest, File.ReadAllBytes(prefix + ".manifest.cose"));
            Assert.Equal(client.Receipt[..client.ReceiptLength], File.ReadAllBytes(prefix + ".receipt.cose"));
            if (content is not null)
            {
                Assert.Equal(content, File.ReadAllBytes(prefix + ".segment"));
            }
        }

        client.Close();
    }

    // Plays the agent loop: steps until an outcome, without waiting out retry delays.
    private static UploadStatus Drive(TusClient client)
    {
        const int MaxSteps = 10_000;
        for (int step = 0; step < MaxSteps; step++)
        {
            UploadStatus status = client.Step();
            if (status is UploadStatus.Completed or UploadStatus.Rejected)
            {
                return status;
            }
        }

        throw new TimeoutException($"no outcome after {MaxSteps} steps; last failure {client.Failure}");
    }
}
