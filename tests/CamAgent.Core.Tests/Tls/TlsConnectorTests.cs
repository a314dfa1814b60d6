using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.UploadSupport;
using CamAgent.Core.Upload;
using CamAgent.Host.Tls;

namespace CamAgent.Core.Tests.Tls;

/// <summary>Each TLS refusal surfaces as its own TransportStatus, and nothing reaches the server.</summary>
public class TlsConnectorTests
{
    private static void AssertRefused(UploadRig rig, TusClient client, TransportStatus expected)
    {
        client.Begin(UploadRig.Job(1, 1000));
        UploadStatus status = client.Step();
        if (status == UploadStatus.RetryLater && client.TransportStatus == TransportStatus.Ok)
        {
            status = client.Step();
        }

        Assert.Equal(UploadStatus.RetryLater, status);
        Assert.Equal(UploadFailure.TransportFailed, client.Failure);
        Assert.Equal(expected, client.TransportStatus);
        Assert.Equal(0, rig.Server.Requests);
        Assert.Empty(rig.Server.UploadIds);
    }

    [Fact]
    public async Task Rejects_A_Server_Certificate_From_Another_Ca()
    {
        await using UploadRig rig = await UploadRig.StartAsync();
        var otherCa = TlsTestPki.PublicOnly(TlsTestPki.CreateCa("Impostor CA"));

        AssertRefused(rig, rig.Client(rig.Connector(agencyCa: otherCa)), TransportStatus.ServerCertificateRejected);
        Assert.Equal(1, rig.Log.Count(LogLevel.Warning, "RemoteCertificateChainErrors"));
    }

    [Fact]
    public async Task Rejects_A_Server_Certificate_For_Another_Host_Name()
    {
        X509Pair pki = X509Pair.Create("elsewhere.test");
        await using TestTusServer server = await TestTusServer.StartAsync(pki.Server, pki.CaPublic);
        var log = new TestLog();
        var connector = new TlsConnector(pki.CaPublic, pki.Device, log, new TlsConnectorOptions { TestOnlyDialOverride = new IPEndPoint(IPAddress.Loopback, server.Port) });

        TransportStatus status = connector.Connect(UploadRig.HostName, 443, 5000, out Stream stream);

        Assert.Equal(TransportStatus.ServerCertificateRejected, status);
        Assert.Null(stream);
        Assert.Equal(1, log.Count(LogLevel.Warning, "RemoteCertificateNameMismatch"));
        Assert.Equal(0, server.Requests);
    }

    [Theory]
    [InlineData(-23, -1)]
    [InlineData(720, 9000)]
    public async Task Refuses_An_Expired_Or_Not_Yet_Valid_Agency_Certificate_With_Its_Own_Status(int notBeforeHours, int notAfterHours)
    {
        var ca = TlsTestPki.CreateCa("Agency CA");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var server = TlsTestPki.IssueServer(ca, UploadRig.HostName, now.AddHours(notBeforeHours), now.AddHours(notAfterHours));
        await using TestTusServer tus = await TestTusServer.StartAsync(server, TlsTestPki.PublicOnly(ca));
        var log = new TestLog();
        var connector = new TlsConnector(TlsTestPki.PublicOnly(ca), TlsTestPki.IssueDevice(ca, UploadRig.DeviceId), log, new TlsConnectorOptions { TestOnlyDialOverride = new IPEndPoint(IPAddress.Loopback, tus.Port) });

        TransportStatus status = connector.Connect(UploadRig.HostName, 443, 5000, out Stream stream);

        Assert.Equal(TransportStatus.ServerCertificateNotValidNow, status);
        Assert.Null(stream);
        Assert.Equal(1, log.Count(LogLevel.Warning, "outside its validity period"));
        Assert.Equal(0, tus.Requests);
    }

    [Theory]
    [InlineData(SslProtocols.Tls13)]
    [InlineData(SslProtocols.Tls12)]
    public async Task Reports_A_Client_Certificate_From_Another_Ca_As_Rejected_By_The_Server(SslProtocols serverProtocol)
    {
        await using UploadRig rig = await UploadRig.StartAsync(serverProtocol);
        var strangerCa = TlsTestPki.CreateCa("Stranger CA");

        AssertRefused(rig, rig.Client(rig.Connector(device: TlsTestPki.IssueDevice(strangerCa, UploadRig.DeviceId))), TransportStatus.ClientCertificateRejected);
    }

    [Fact]
    public async Task Reports_A_Client_Certificate_Without_Client_Auth_Usage_As_Rejected_By_The_Server()
    {
        await using UploadRig rig = await UploadRig.StartAsync();
        AssertRefused(rig, rig.Client(rig.Connector(device: rig.DeviceWithUsage(TlsTestPki.ServerAuthOid))), TransportStatus.ClientCertificateRejected);
    }

    // The connector offers what its options say: TLS 1.2 alone meets a server that speaks only
    // 1.3 with a failed handshake, and uploads to one that speaks both.
    [Fact]
    public async Task Offers_Only_The_Tls_Versions_Its_Options_Name()
    {
        TlsConnector Offering12(UploadRig rig) => new(rig.AgencyCa, rig.Device, rig.Log, new TlsConnectorOptions
        {
            HandshakeTimeoutMs = 10_000,
            ReadWriteTimeoutMs = 10_000,
            TestOnlyDialOverride = new IPEndPoint(IPAddress.Loopback, rig.Server.Port),
            Protocols = SslProtocols.Tls12,
        });

        await using (UploadRig only13 = await UploadRig.StartAsync(SslProtocols.Tls13))
        {
            AssertRefused(only13, only13.Client(Offering12(only13)), TransportStatus.HandshakeFailed);
            TusClient offeringBoth = only13.Client();
            offeringBoth.Begin(UploadRig.Job(1, 1000));
            Assert.Equal(UploadStatus.Completed, UploadRig.Drive(offeringBoth));
        }

        await using UploadRig both = await UploadRig.StartAsync();
        TusClient client = both.Client(Offering12(both));
        client.Begin(UploadRig.Job(1, 1000));
        Assert.Equal(UploadStatus.Completed, UploadRig.Drive(client));
#pragma warning disable SYSLIB0039 // the obsolete protocol is the point of the check
        Assert.Throws<ArgumentOutOfRangeException>(() => new TlsConnectorOptions { Protocols = SslProtocols.Tls12 | SslProtocols.Tls11 });
#pragma warning restore SYSLIB0039
        Assert.Throws<ArgumentOutOfRangeException>(() => new TlsConnectorOptions { Protocols = SslProtocols.None });
    }

    [Fact]
    public async Task Refuses_A_Server_That_Only_Speaks_Tls_1_1()
    {
#pragma warning disable SYSLIB0039 // the obsolete protocol is the point of the test
        await using UploadRig rig = await UploadRig.StartAsync(SslProtocols.Tls11);
#pragma warning restore SYSLIB0039

        AssertRefused(rig, rig.Client(), TransportStatus.HandshakeFailed);
    }

    [Fact]
    public async Task Reports_Connect_Failed_When_Nothing_Listens()
    {
        await using UploadRig rig = await UploadRig.StartAsync();
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        AssertRefused(rig, rig.Client(rig.Connector(port: closedPort)), TransportStatus.ConnectFailed);
    }

    [Fact]
    public async Task Reports_A_Timeout_When_The_Server_Never_Answers_The_Handshake()
    {
        await using UploadRig rig = await UploadRig.StartAsync();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var connector = new TlsConnector(rig.AgencyCa, rig.Device, rig.Log, new TlsConnectorOptions
        {
            HandshakeTimeoutMs = 300,
            TestOnlyDialOverride = (IPEndPoint)silent.LocalEndpoint,
        });

        TransportStatus status = connector.Connect(UploadRig.HostName, 443, 5000, out Stream stream);

        Assert.Equal(TransportStatus.Timeout, status);
        Assert.Null(stream);
    }

    [Fact]
    public void Refuses_A_Device_Certificate_Without_Its_Private_Key()
    {
        var ca = TlsTestPki.CreateCa("CA");
        var device = TlsTestPki.PublicOnly(TlsTestPki.IssueDevice(ca, "cam"));

        Assert.Throws<ArgumentException>(() => new TlsConnector(TlsTestPki.PublicOnly(ca), device, new TestLog()));
    }

    private sealed record X509Pair(System.Security.Cryptography.X509Certificates.X509Certificate2 CaPublic, System.Security.Cryptography.X509Certificates.X509Certificate2 Server, System.Security.Cryptography.X509Certificates.X509Certificate2 Device)
    {
        public static X509Pair Create(string serverName)
        {
            var ca = TlsTestPki.CreateCa("Agency CA");
            return new X509Pair(TlsTestPki.PublicOnly(ca), TlsTestPki.IssueServer(ca, serverName), TlsTestPki.IssueDevice(ca, UploadRig.DeviceId));
        }
    }
}
