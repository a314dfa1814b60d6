using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CamAgent.Ingest.Tests.Support;
using Xunit.Abstractions;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// Idle connections that never start a handshake cannot lock cameras out
/// (docs/ingest-server.md §6, "Connections"): one source address holds a bounded number of
/// pending connections; many sources together fill the pending pool, where each newcomer displaces
/// the oldest pending connection of the busiest source; authenticated connections are never displaced.
/// </summary>
public sealed class IdleConnectionFloodTests
{
    private const int IdleConnections = 2000;
    private static readonly TimeSpan UploadDeadline = TimeSpan.FromSeconds(5);

    private readonly ITestOutputHelper _output;

    public IdleConnectionFloodTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Camera_Uploads_Within_5_Seconds_While_One_Address_Holds_2000_Idle_Connections()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        using IdleFlood flood = await IdleFlood.OpenAsync(harness.Server.EndPoint, Enumerable.Repeat(IPAddress.Parse("127.0.0.2"), IdleConnections));

        TimeSpan took = await UploadAsync(harness, "cam-idle-flood");

        _output.WriteLine($"{IdleConnections} idle connections from 127.0.0.2 ({flood.Opened} opened); camera upload from 127.0.0.1 took {took.TotalMilliseconds:F0} ms; pending now {harness.Server.Connections.PendingCount}");
        Assert.True(took < UploadDeadline, $"the upload took {took}");
        Assert.True(harness.Server.Connections.PendingCount <= harness.Options.Limits.MaxPendingHandshakesPerAddress);
    }

    [Fact]
    public async Task Camera_Uploads_And_A_Connected_Camera_Stays_Connected_While_100_Addresses_Hold_2000_Idle_Connections()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera connected = harness.NewCamera("cam-connected");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, harness.Server.EndPoint.Port);
        using SslStream tlsConnection = await RawHttp.ConnectTlsAsync(tcp.GetStream(), harness.Pki.Root, connected.Certificate);
        Assert.Equal(204, await OptionsAsync(tlsConnection));
        IEnumerable<IPAddress> sources = Enumerable.Range(0, IdleConnections).Select(i => IPAddress.Parse($"127.0.1.{1 + (i % 100)}"));
        using IdleFlood flood = await IdleFlood.OpenAsync(harness.Server.EndPoint, sources);

        TimeSpan took = await UploadAsync(harness, "cam-newcomer");

        _output.WriteLine($"{IdleConnections} idle connections from 100 addresses; camera upload took {took.TotalMilliseconds:F0} ms; pending now {harness.Server.Connections.PendingCount}");
        Assert.True(took < UploadDeadline, $"the upload took {took}");
        Assert.True(harness.Server.Connections.PendingCount <= harness.Options.Limits.MaxPendingHandshakes);
        Assert.Equal(204, await OptionsAsync(tlsConnection));
    }

    private static async Task<TimeSpan> UploadAsync(IngestHarness harness, string deviceId)
    {
        TestCamera camera = harness.NewCamera(deviceId);
        byte[] content = RandomNumberGenerator.GetBytes(2 * TestCamera.ChunkSizeBytes);
        var clock = Stopwatch.StartNew();
        HttpResponseMessage last = await harness.ClientFor(camera).UploadAsync(camera.Seal(content), content);
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        Assert.NotNull(TusClient.Header(last, "CamAgent-Receipt"));
        return clock.Elapsed;
    }

    private static async Task<int> OptionsAsync(SslStream connection)
    {
        await connection.WriteAsync(Encoding.ASCII.GetBytes("OPTIONS /files/ HTTP/1.1\r\nHost: ingest.test\r\nTus-Resumable: 1.0.0\r\n\r\n"));
        byte[] buffer = new byte[4096];
        int read = await connection.ReadAsync(buffer);
        string head = Encoding.ASCII.GetString(buffer, 0, read);
        return int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>TCP connections that are opened and then say nothing.</summary>
    private sealed class IdleFlood : IDisposable
    {
        private readonly List<Socket> _sockets;

        private IdleFlood(List<Socket> sockets) => _sockets = sockets;

        public int Opened => _sockets.Count;

        public static async Task<IdleFlood> OpenAsync(IPEndPoint server, IEnumerable<IPAddress> sources)
        {
            var sockets = new List<Socket>();
            foreach (IPAddress source in sources)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(server);
                sockets.Add(socket);
            }

            return new IdleFlood(sockets);
        }

        public void Dispose() => _sockets.ForEach(s => s.Dispose());
    }
}
