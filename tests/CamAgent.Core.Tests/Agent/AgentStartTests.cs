using CamAgent.Core.Agent;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.Spool;
using CamAgent.Core.Tests.Storage;

namespace CamAgent.Core.Tests.Agent;

/// <summary>
/// AgentLoop.Start as a retry-safe sequence (docs/agent.md §6): every status of every boot step is
/// handled as its contract says, a retried Start keeps its boot number, and the recorder's
/// orphaned file is handed over. Driven through <see cref="AgentScenario"/>, which retries a
/// failed Start at the next step as the device's agent thread does.
/// </summary>
public sealed class AgentStartTests : IClassFixture<ScenarioDevice>
{
    private const int Segments = 3;
    private const int MaxSteps = 5_000;

    private readonly ScenarioDevice _device;

    public AgentStartTests(ScenarioDevice device) => _device = device;

    private static List<Manifest> Chain(AgentScenario scenario) =>
        scenario.Server.CompletedOrder.Select(s => scenario.Server.StoredManifest(Support.TestCredentials.DeviceId, s)!).ToList();

    [Theory]
    [InlineData(SlotStatus.IoError)]
    [InlineData(SlotStatus.StorageFull)]
    public void A_Boot_That_Cannot_Be_Counted_Seals_Nothing_And_Its_Retry_Keeps_One_Number(SlotStatus failure)
    {
        var scenario = new AgentScenario(_device, new SimulatedFatStore(1), Segments);
        scenario.Slots.FailWritesWith = failure;
        Assert.False(scenario.Run(10));
        Assert.All(scenario.StartFailures, s => Assert.Equal(AgentStartStatus.FlashUnavailable, s));
        Assert.Equal(0, scenario.Oracle.Count);
        Assert.DoesNotContain(scenario.Store.Paths, p => p.EndsWith(".MAN", StringComparison.Ordinal));

        scenario.Slots.FailWritesWith = SlotStatus.Ok;
        Assert.True(scenario.Run(MaxSteps), scenario.ToString());
        scenario.AssertEverythingDelivered();
        Assert.Equal(1, scenario.Boots);
        Assert.All(Chain(scenario), m => Assert.Equal(1, m.BootCount));
    }

    [Fact]
    public void Unreadable_Flash_Takes_No_Boot_Number_And_Writes_Nothing_Until_It_Reads_Again()
    {
        var scenario = new AgentScenario(_device, new SimulatedFatStore(2), Segments);
        scenario.Slots.FailReadsWith = SlotStatus.IoError;
        Assert.False(scenario.Run(10));
        Assert.NotEmpty(scenario.StartFailures);
        Assert.All(scenario.StartFailures, s => Assert.Equal(AgentStartStatus.FlashUnavailable, s));
        Assert.Equal(0, scenario.Slots.Writes);

        scenario.Slots.FailReadsWith = SlotStatus.Ok;
        Assert.True(scenario.Run(MaxSteps), scenario.ToString());
        scenario.AssertEverythingDelivered();
        Assert.All(Chain(scenario), m => Assert.Equal(1, m.BootCount));
    }

    [Theory]
    [InlineData(StoreStatus.IoError)]
    [InlineData(StoreStatus.DeviceRemoved)]
    public void A_Card_That_Cannot_Be_Recovered_Is_Tried_Again_And_The_Boot_Keeps_Its_Number(StoreStatus failure)
    {
        // Read 1 is the recorder hand-off; reads 2.. are the spool's recovery.
        var store = new SimulatedFatStore(3) { FailAtReadOperation = 2, ReadFailures = 4, IoErrorStatus = failure };
        var scenario = new AgentScenario(_device, store, Segments);
        Assert.True(scenario.Run(MaxSteps), scenario.ToString());
        scenario.AssertEverythingDelivered();
        Assert.Contains(AgentStartStatus.StorageUnavailable, scenario.StartFailures);
        Assert.Equal(1, scenario.Slots.Writes - 1); // one boot count saved, one floor raise
        Assert.All(Chain(scenario), m => Assert.Equal(1, m.BootCount));
    }

    [Fact]
    public void A_Recovery_That_Cannot_Save_Its_State_For_Want_Of_Space_Still_Starts_And_Loses_Nothing()
    {
        var store = new SimulatedFatStore(4) { CutAtWriteOperation = 40 };
        var scenario = new AgentScenario(_device, store, Segments);
        while (scenario.PowerCuts == 0)
        {
            Assert.False(scenario.Run(1));
        }

        store.CapacityBytes = 0;
        Assert.False(scenario.Run(3));
        Assert.Empty(scenario.StartFailures);
        Assert.Contains(scenario.Log.Lines, l => l.Message == "spool recovered; its state is saved with the next change (StorageFull)");

        store.CapacityBytes = long.MaxValue;
        Assert.True(scenario.Run(MaxSteps), scenario.ToString());
        scenario.AssertEverythingDelivered();
        Assert.Contains(Chain(scenario), m => m.Event == ContinuityEvent.PowerLossRecovery && m.BootCount == 2);
    }

    [Fact]
    public void A_Failed_Hand_Off_Is_Tried_Again_At_Once_And_The_Orphaned_File_Is_Sealed_As_Truncated_First()
    {
        var scenario = new AgentScenario(_device, new SimulatedFatStore(5) { FailAtReadOperation = 1 }, Segments);
        scenario.SeedOrphan(17);
        Assert.True(scenario.Run(MaxSteps), scenario.ToString());
        scenario.AssertEverythingDelivered();
        Assert.DoesNotContain(scenario.Log.Lines, l => l.Message.StartsWith("recorder hand-off not declared", StringComparison.Ordinal));
        Assert.Empty(scenario.StartFailures);
        Manifest first = Chain(scenario)[0];
        Assert.True(first.Truncated);
        Assert.Equal(17, first.ContentLength);
    }

    [Fact]
    public void A_Hand_Off_That_Keeps_Failing_Does_Not_Hold_The_Boot_And_The_Orphan_Is_Sealed_With_The_Recorders_Next_File()
    {
        var store = new SimulatedFatStore(5) { FailAtReadOperation = 1, ReadFailures = AgentConstants.HandOffAttempts };
        var scenario = new AgentScenario(_device, store, Segments);
        scenario.SeedOrphan(17);
        Assert.True(scenario.Run(MaxSteps), scenario.ToString());
        scenario.AssertEverythingDelivered();
        Assert.Contains(scenario.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("recorder hand-off not declared (IoError)", StringComparison.Ordinal));
        Assert.Empty(scenario.StartFailures);
        Assert.Single(Chain(scenario), m => m.Truncated && m.ContentLength == 17);
    }

    [Fact]
    public void Start_Is_Called_Once_Per_Boot_And_Events_Before_It_Are_Refused()
    {
        var scenario = new AgentScenario(_device, new SimulatedFatStore(6), Segments);
        scenario.Slots.FailWritesWith = SlotStatus.IoError;
        Assert.False(scenario.Run(1));
        Assert.False(scenario.Agent!.NotifyRecordingStarted());
        Assert.Throws<InvalidOperationException>(() => scenario.Agent.Step(0));

        scenario.Slots.FailWritesWith = SlotStatus.Ok;
        Assert.False(scenario.Run(1));
        Assert.Throws<InvalidOperationException>(() => scenario.Agent.Start(0));
        Assert.True(scenario.Agent.NotifyRecordingStarted());
    }
}
