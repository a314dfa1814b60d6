using CamAgent.Core.Egress;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.UploadSupport;

namespace CamAgent.Core.Tests.Upload;

public class AgencyEndpointTests
{
    [Fact]
    public void Always_Dials_The_Configured_Host_On_443()
    {
        var connector = new ScriptedConnector().Answer("").Refuse(TransportStatus.Timeout);
        var endpoint = new AgencyEndpoint(connector, "ingest.example.org", new TestLog());

        Assert.Equal(TransportStatus.Ok, endpoint.Connect(1000, out Stream first));
        Assert.NotNull(first);
        Assert.Equal(TransportStatus.Timeout, endpoint.Connect(1000, out Stream second));
        Assert.Null(second);
        Assert.Equal([("ingest.example.org", 443), ("ingest.example.org", 443)], connector.Dialled);
    }

    [Fact]
    public void Logs_Each_Failed_Connection_With_Its_Status()
    {
        var log = new TestLog();
        var endpoint = new AgencyEndpoint(new ScriptedConnector().Refuse(TransportStatus.ServerCertificateRejected), "ingest.example.org", log);

        endpoint.Connect(1000, out _);

        Assert.Equal(1, log.Count(LogLevel.Warning, "ingest.example.org:443 failed: ServerCertificateRejected"));
    }

    [Fact]
    public void Refuses_An_Empty_Host_As_A_Programming_Error()
    {
        Assert.Throws<ArgumentException>(() => new AgencyEndpoint(new ScriptedConnector(), "", new TestLog()));
    }
}
