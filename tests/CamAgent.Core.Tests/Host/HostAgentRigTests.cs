using CamAgent.Host.Platform;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using CamAgent.Core.Agent;
using CamAgent.Core.Config;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.Config;
using CamAgent.Core.Tests.Support;
using CamAgent.Simulation.Agent;
using CamAgent.Host.Tls;

namespace CamAgent.Core.Tests.Host;

/// <summary>
/// The host rig that `camagent sim` and the demo's cameras run: real card and flash folders, the
/// real TLS connector dialling a loopback port where nothing listens (the agency is unreachable).
/// </summary>
public sealed class HostAgentRigTests(CredentialsFixture fixture) : IClassFixture<CredentialsFixture>, IDisposable
{
    private const int SegmentBytes = 4096;
    private const int RunTimeoutMs = 10_000;
    private const int PollMs = 20;

    private readonly string _root = Directory.CreateTempSubdirectory("camagent-rig-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Agent_Dials_The_Agency_Host_On_Port_443_Through_The_Wrapper_And_Keeps_Its_Sealed_Records_Across_A_Power_Cycle()
    {
        DeviceConfig config = ValidConfig();
        IPEndPoint nobodyListens = UnusedLoopbackEndPoint();
        var dials = new DialLog();
        long sealedBeforePowerCut;
        using (HostAgentRig rig = Rig(config, nobodyListens, dials))
        {
            Assert.Equal(AgentStartStatus.Ok, rig.PowerOn());
            Assert.True(rig.Agent.NotifyRecordingStarted());
            Assert.True(rig.Recorder.RecordSegment());

            // RecordingStart and the segment are sealed, and the upload of the first is attempted.
            Assert.True(rig.RunUntil(() => rig.Agent.SealedCount == 2 && dials.Count > 0, RunTimeoutMs, PollMs));
            Assert.False(rig.RunUntil(() => rig.Agent.UploadedCount > 0, PollMs * 5, PollMs));
            Assert.All(dials.Targets, target => Assert.Equal($"{TestCredentials.Host}:443", target));
            Assert.All(dials.Statuses, status => Assert.NotEqual(TransportStatus.Ok, status));
            Assert.Equal(2, rig.Agent.Spool.LiveCount);
            Assert.Single(Directory.GetFiles(rig.SegmentFolder, "*.SEG"));
            sealedBeforePowerCut = rig.Agent.Spool.LiveCount;
        }

        using HostAgentRig rebooted = Rig(config, nobodyListens, new DialLog());
        Assert.Equal(AgentStartStatus.Ok, rebooted.PowerOn());
        Assert.Equal(2, rebooted.Agent.BootCount);
        Assert.Equal(sealedBeforePowerCut, rebooted.Agent.Spool.LiveCount);
        Assert.True(Directory.Exists(Path.Combine(_root, "card", HostAgentRig.SpoolDirectory)));
    }

    [Fact]
    public void ValidateConfig_Refuses_A_Device_Key_That_Does_Not_Match_The_Device_Certificate()
    {
        using ECDsa otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        List<KeyValuePair<string, string>> fields = fixture.Credentials.Fields();
        int keyIndex = fields.FindIndex(f => f.Key == "device.key");
        fields[keyIndex] = new("device.key", Convert.ToBase64String(otherKey.ExportParameters(true).D!));

        ConfigResult result = HostAgentRig.ValidateConfig(TestCredentials.Render(fields));

        Assert.False(result.IsOk);
        Assert.Equal(ConfigError.CredentialMismatch, result.Error);
    }

    private DeviceConfig ValidConfig()
    {
        ConfigResult result = HostAgentRig.ValidateConfig(fixture.Credentials.ValidText());
        Assert.True(result.IsOk, result.ToString());
        return result.Config;
    }

    private HostAgentRig Rig(DeviceConfig config, IPEndPoint dialTo, DialLog dials) => new(config, new HostAgentRigOptions
    {
        CardFolder = Path.Combine(_root, "card"),
        FlashFolder = Path.Combine(_root, "flash"),
        Log = new TextLogSink(TextWriter.Null),
        SegmentBytes = SegmentBytes,
        Tls = new TlsConnectorOptions { TestOnlyDialOverride = dialTo },
        WrapConnector = dials.Wrap,
    });

    // A port that was free a moment ago: a connection to it is refused.
    private static IPEndPoint UnusedLoopbackEndPoint()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endPoint = (IPEndPoint)listener.LocalEndpoint;
        listener.Stop();
        return endPoint;
    }

    /// <summary>Passes every dial on to the real connector and notes where it went and how it ended.</summary>
    private sealed class DialLog
    {
        private readonly List<string> _targets = new();
        private readonly List<TransportStatus> _statuses = new();

        public int Count => _targets.Count;

        public IReadOnlyList<string> Targets => _targets;

        public IReadOnlyList<TransportStatus> Statuses => _statuses;

        public ITlsConnector Wrap(ITlsConnector inner) => new Tap(inner, this);

        private sealed class Tap(ITlsConnector inner, DialLog log) : ITlsConnector
        {
            public TransportStatus Connect(string host, int port, int timeoutMs, out Stream stream)
            {
                TransportStatus status = inner.Connect(host, port, timeoutMs, out stream);
                log._targets.Add($"{host}:{port}");
                log._statuses.Add(status);
                return status;
            }
        }
    }
}
