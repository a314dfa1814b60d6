using CamAgent.Core.Config;
using CamAgent.Core.Egress;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.Config;
using CamAgent.Core.Tests.Fakes;
using CamAgent.Core.Time;

namespace CamAgent.Core.Tests.Egress;

public sealed class EgressGateTests : IClassFixture<CredentialsFixture>
{
    private const long Real = TimeConstants.BuildFloorUnixMs + 86_400_000L * 100;

    private readonly DeviceConfig _config;

    public EgressGateTests(CredentialsFixture fixture)
    {
        byte[] text = fixture.Credentials.ValidText();
        _config = fixture.Validator.Validate(text, 0, text.Length).Config;
    }

    private static ClockMonitor Clock(bool trusted)
    {
        var floor = new TimeFloor(new MemoryRecordSlots());
        var clock = new ClockMonitor(floor);
        clock.Observe(0, 0);
        if (trusted)
        {
            clock.Observe(Real, 1000);
        }

        return clock;
    }

    [Fact]
    public void Refuses_Before_Any_Dial_While_The_Clock_Is_At_1970()
    {
        var platform = new CountingConnector();
        var log = new RecordingLog();
        var gate = new EgressGate(platform, _config, Clock(trusted: false), log);
        Assert.Equal(TransportStatus.PolicyRefused, gate.Connect(_config.AgencyHost, 443, 1000, out Stream stream));
        Assert.Null(stream);
        Assert.Equal(EgressRefusal.ClockNotTrusted, gate.LastRefusal);
        Assert.Empty(platform.Dials);
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("clock"));
    }

    [Theory]
    [InlineData("evil.example", 443, EgressRefusal.HostNotAllowed)]
    [InlineData("INGEST.AGENCY.EXAMPLE", 443, EgressRefusal.HostNotAllowed)]
    [InlineData("203.0.113.9", 443, EgressRefusal.HostNotAllowed)]
    [InlineData("ingest.agency.example", 9091, EgressRefusal.PortNotAllowed)]
    [InlineData("ingest.agency.example", 80, EgressRefusal.PortNotAllowed)]
    public void Refuses_Any_Other_Host_Or_Port_Without_Dialling(string host, int port, EgressRefusal expected)
    {
        var platform = new CountingConnector();
        var gate = new EgressGate(platform, _config, Clock(trusted: true), new RecordingLog());
        Assert.Equal(TransportStatus.PolicyRefused, gate.Connect(host, port, 1000, out _));
        Assert.Equal(expected, gate.LastRefusal);
        Assert.Empty(platform.Dials);
        Assert.Equal(1, gate.RefusedAttempts);
    }

    [Fact]
    public void Dials_Exactly_The_Agency_Host_On_443_And_Logs_The_Attempt()
    {
        var platform = new CountingConnector { Answer = TransportStatus.Ok };
        var log = new RecordingLog();
        var gate = new EgressGate(platform, _config, Clock(trusted: true), log);
        Assert.Equal(TransportStatus.Ok, gate.Connect(_config.AgencyHost, 443, 1000, out Stream stream));
        Assert.NotNull(stream);
        Assert.Equal(new[] { (_config.AgencyHost, 443) }, platform.Dials);
        Assert.Contains(log.Lines, l => l.Message == "connecting to ingest.agency.example:443");
        Assert.Equal(EgressRefusal.None, gate.LastRefusal);
    }

    [Fact]
    public void Passes_Platform_Failures_Through_With_A_Null_Stream()
    {
        var platform = new CountingConnector { Answer = TransportStatus.ServerCertificateRejected };
        var gate = new EgressGate(platform, _config, Clock(trusted: true), new RecordingLog());
        Assert.Equal(TransportStatus.ServerCertificateRejected, gate.Connect(_config.AgencyHost, 443, 1000, out Stream stream));
        Assert.Null(stream);
    }

    [Fact]
    public void Connection_Attempts_Allocate_Nothing_In_Core()
    {
        var platform = new CountingConnector { Recording = false };
        var log = new RecordingLog { Enabled = false };
        var gate = new EgressGate(platform, _config, Clock(trusted: true), log);
        gate.Connect(_config.AgencyHost, 443, 1000, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            gate.Connect(_config.AgencyHost, 443, 1000, out _);
            gate.Connect("evil.example", 443, 1000, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
