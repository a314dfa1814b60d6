using CamAgent.Core.Agent;
using CamAgent.Core.Tests.Storage;

namespace CamAgent.Core.Tests.Spool;

public class SpoolLifecycleTests : IClassFixture<ScenarioDevice>
{
    private readonly ScenarioDevice _device;

    public SpoolLifecycleTests(ScenarioDevice device) => _device = device;

    [Fact]
    public void The_Agent_Seals_Uploads_Receipts_And_Deletes_Three_Segments_In_Order()
    {
        var scenario = new AgentScenario(_device, new SimulatedFatStore(1), segments: 3);
        Assert.True(scenario.Run(5000), scenario.ToString());
        scenario.AssertEverythingDelivered();
        Assert.Equal(3, scenario.Oracle.Count);
        Assert.Empty(scenario.StartFailures);
        Assert.Empty(scenario.LoggedStatuses());
        Assert.Equal(AgentStatus.Idle, scenario.Agent!.Status);
    }
}
