using CamAgent.Core.Segments;
using CamAgent.Core.Spool;
using CamAgent.Core.Tests.Storage;

namespace CamAgent.Core.Tests.Spool;

public class SpoolLifecycleTests
{
    [Fact]
    public void Three_Segments_Are_Sealed_Uploaded_Receipted_And_Deleted_In_Order()
    {
        var scenario = new SpoolScenario(new SimulatedFatStore(1), segments: 3);
        Assert.True(scenario.Run(2000), scenario.ToString());
        scenario.AssertEverythingDelivered();
        Assert.Equal(4, scenario.Remote.Count);
        Assert.Empty(scenario.FailedStatuses);
    }
}
