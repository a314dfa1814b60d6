using System.Net;
using System.Security.Cryptography;
using CamAgent.Core.Egress;
using CamAgent.Core.Upload;
using CamAgent.Host.Tls;
using CoreTusClient = CamAgent.Core.Upload.TusClient;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// A camera running the device's own upload client (Core's tus client over the host TLS
/// connector, its certificate, the receipt key pinned) against a loopback port, sealing real
/// records with <see cref="TestCamera"/>. One thread per camera.
/// </summary>
public sealed class CoreCamera
{
    /// <summary>Longest wait between retries: the client's backoff goes to minutes, a test waits less.</summary>
    private const int MaxRetryDelayMs = 200;

    private readonly CoreTusClient _client;

    /// <param name="patchSizeBytes">Content per PATCH; the device's default (256 KiB) unless a test wants more requests per segment.</param>
    public CoreCamera(TestPki pki, TestCamera camera, int port, int patchSizeBytes = UploadLimits.DefaultPatchSizeBytes)
    {
        Camera = camera;
        var ports = new DevicePorts();
        var connector = new TlsConnector(pki.Root, camera.Certificate, ports, new TlsConnectorOptions
        {
            HandshakeTimeoutMs = 30_000,
            ReadWriteTimeoutMs = 30_000,
            TestOnlyDialOverride = new IPEndPoint(IPAddress.Loopback, port),
        });
        ECParameters receiptKey = pki.ReceiptKey.ExportParameters(false);
        byte[] pinned = [0x04, .. receiptKey.Q.X!, .. receiptKey.Q.Y!];
        _client = new CoreTusClient(new AgencyEndpoint(connector, TestPki.ServerName, ports), new PinnedReceiptChecker(pinned, 0), ports, ports, ports, new TusClientOptions { ConnectTimeoutMs = 30_000, PatchSizeBytes = patchSizeBytes });
    }

    public TestCamera Camera { get; }

    public int Retries { get; private set; }

    /// <summary>Seals <paramref name="content"/> as the camera's next segment and uploads it until a verified receipt or a rejection.</summary>
    public (UploadStatus Status, ReceiptCheckStatus Receipt, string Why) Upload(byte[] content, DateTime deadlineUtc)
    {
        long sequence = (long)Camera.NextSequence;
        byte[] manifest = Camera.Seal(content);
        _client.Begin(new UploadJob(sequence, manifest, 0, manifest.Length, new MemoryStream(content, false), content.Length));
        UploadStatus status;
        do
        {
            status = _client.Step();
            if (status == UploadStatus.RetryLater)
            {
                Retries++;
                Thread.Sleep(Math.Min(_client.RetryDelayMs, MaxRetryDelayMs));
            }
        }
        while (status is UploadStatus.InProgress or UploadStatus.RetryLater && DateTime.UtcNow < deadlineUtc);

        return (status, _client.ReceiptCheck, $"{_client.Failure} {_client.LastStatusCode} {_client.LastErrorCode} {_client.TransportStatus}");
    }

    public void Close() => _client.Close();
}
