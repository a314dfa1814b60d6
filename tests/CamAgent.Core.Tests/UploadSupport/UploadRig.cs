using System.Buffers.Binary;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Egress;
using CamAgent.Core.Platform;
using CamAgent.Core.Upload;
using CamAgent.Host.Tls;

namespace CamAgent.Core.Tests.UploadSupport;

/// <summary>
/// Everything an end-to-end upload test needs: a PKI generated now, the in-test tus server on
/// 127.0.0.1 with mutual TLS, and the real host connector dialling it under the name
/// "ingest.test" through the test-only dial override.
/// </summary>
public sealed class UploadRig : IAsyncDisposable
{
    public const string HostName = "ingest.test";
    public const string DeviceId = "cam-0001";

    private readonly X509Certificate2 _caWithKey;

    private UploadRig(TestTusServer server, X509Certificate2 caWithKey, X509Certificate2 device)
    {
        Server = server;
        _caWithKey = caWithKey;
        AgencyCa = TlsTestPki.PublicOnly(caWithKey);
        Device = device;
    }

    /// <summary>A device certificate from the right CA but with another extended key usage.</summary>
    public X509Certificate2 DeviceWithUsage(string ekuOid) => TlsTestPki.IssueDevice(_caWithKey, DeviceId, ekuOid);

    public TestTusServer Server { get; }

    public X509Certificate2 AgencyCa { get; }

    public X509Certificate2 Device { get; }

    public TestLog Log { get; } = new();

    public TestReceiptChecker Checker { get; } = new();

    public static async Task<UploadRig> StartAsync(SslProtocols serverProtocols = SslProtocols.Tls12 | SslProtocols.Tls13)
    {
        X509Certificate2 ca = TlsTestPki.CreateCa("Test Agency CA");
        X509Certificate2 server = TlsTestPki.IssueServer(ca, HostName);
        X509Certificate2 device = TlsTestPki.IssueDevice(ca, DeviceId);
        TestTusServer tus = await TestTusServer.StartAsync(server, TlsTestPki.PublicOnly(ca), serverProtocols);
        return new UploadRig(tus, ca, device);
    }

    public TlsConnector Connector(X509Certificate2? device = null, X509Certificate2? agencyCa = null, int port = 0) =>
        new(agencyCa ?? AgencyCa, device ?? Device, Log, new TlsConnectorOptions
        {
            HandshakeTimeoutMs = 10_000,
            ReadWriteTimeoutMs = 10_000,
            TestOnlyDialOverride = new IPEndPoint(IPAddress.Loopback, port == 0 ? Server.Port : port),
        });

    public TusClient Client(ITlsConnector? connector = null, int patchSizeBytes = UploadLimits.DefaultPatchSizeBytes) =>
        new(new AgencyEndpoint(connector ?? Connector(), HostName, Log), Checker, new SeededRandom(7),
            new FixedWallClock(DateTime.UtcNow), Log, new TusClientOptions { PatchSizeBytes = patchSizeBytes, ConnectTimeoutMs = 10_000 });

    /// <summary>A test manifest (sequence as 8 big-endian bytes, then filler) and random content.</summary>
    public static UploadJob Job(long sequence, int contentLength, int seed = 0)
    {
        var random = new Random(seed + (int)sequence);
        byte[] manifest = new byte[300];
        random.NextBytes(manifest);
        BinaryPrimitives.WriteInt64BigEndian(manifest, sequence);
        byte[] content = new byte[contentLength];
        random.NextBytes(content);
        return new UploadJob(sequence, manifest, 0, manifest.Length, contentLength == 0 ? null : new MemoryStream(content, false), contentLength);
    }

    public static byte[] ContentOf(UploadJob job)
    {
        if (job.Content is not MemoryStream memory)
        {
            return [];
        }

        return memory.ToArray();
    }

    /// <summary>Steps until Completed or Rejected, not waiting on RetryLater (the test plays the agent loop).</summary>
    public static UploadStatus Drive(TusClient client, int maxSteps = 10_000)
    {
        for (int i = 0; i < maxSteps; i++)
        {
            UploadStatus status = client.Step();
            if (status is UploadStatus.Completed or UploadStatus.Rejected)
            {
                return status;
            }
        }

        throw new TimeoutException($"no outcome after {maxSteps} steps; last failure {client.Failure}");
    }

    public string UploadId(long sequence) => $"{DeviceId}-{sequence:D20}";

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
