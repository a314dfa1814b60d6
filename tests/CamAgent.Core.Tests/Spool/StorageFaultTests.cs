using CamAgent.Core.Spool;
using CamAgent.Core.Tests.Storage;
using Xunit.Abstractions;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// Full storage at every byte threshold of a sweep, and an I/O error (or a pulled card) at every
/// write and read operation: each shows up as a status, the alarm rises when space runs low,
/// and nothing sealed is lost or corrupted — once space or the medium is back, every finished
/// segment reaches the server intact.
/// </summary>
public class StorageFaultTests
{
    private const int Segments = 3;
    private const int MaxSteps = 3000;

    // A clean three-segment run takes about 100 steps; a run still going after this many is stuck for space.
    private const int StepsBeforeHelp = 300;

    // The largest single spool write here is a manifest frame (~170 bytes) plus a journal
    // generation (~100 bytes): the critical level must leave room for both.
    private const long CriticalFreeBytes = 400;
    private const long LowFreeBytes = 500;

    private readonly ITestOutputHelper _output;

    public StorageFaultTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Storage_Full_At_Every_Capacity_Gives_A_Clear_Status_An_Alarm_And_Loses_Nothing()
    {
        int finishedUnaided = 0;
        int alarms = 0;
        for (long capacity = 0; capacity <= 1600; capacity++)
        {
            var store = new SimulatedFatStore((int)capacity) { CapacityBytes = capacity };
            var scenario = new SpoolScenario(store, Segments, LowFreeBytes, CriticalFreeBytes);
            string context = $"capacity {capacity}";
            bool finished = scenario.Run(StepsBeforeHelp);
            Assert.All(scenario.FailedStatuses, s => Assert.Equal(SpoolStatus.StorageFull, s));
            if (scenario.FailedStatuses.Count > 0 || !finished)
            {
                Assert.True(scenario.SawStorageAlarm, $"{context}: storage ran out without an alarm: {scenario}");
                alarms++;
            }

            if (finished)
            {
                finishedUnaided++;
            }
            else
            {
                scenario.Remote.AssertConsistent();
                store.CapacityBytes = long.MaxValue;
                Assert.True(scenario.Run(MaxSteps), $"{context}: did not finish once space was back: {scenario}");
            }

            scenario.AssertEverythingDelivered();
        }

        _output.WriteLine($"1601 capacities: {finishedUnaided} finished without help, {alarms} raised the alarm");
        Assert.True(finishedUnaided > 0 && alarms > 0);
    }

    [Theory]
    [InlineData(CamAgent.Core.Platform.StoreStatus.IoError, SpoolStatus.IoError)]
    [InlineData(CamAgent.Core.Platform.StoreStatus.DeviceRemoved, SpoolStatus.DeviceRemoved)]
    public void A_Failure_At_Every_Write_Operation_Is_A_Status_And_Loses_Nothing(CamAgent.Core.Platform.StoreStatus injected, SpoolStatus expected)
    {
        int total = CleanRun(out int reads);
        for (int failAt = 1; failAt <= total; failAt++)
        {
            var store = new SimulatedFatStore(failAt) { FailAtWriteOperation = failAt, IoErrorStatus = injected };
            var scenario = new SpoolScenario(store, Segments);
            Assert.True(scenario.Run(MaxSteps), $"failure at write {failAt}: did not finish: {scenario}");
            Assert.All(scenario.FailedStatuses, s => Assert.Equal(expected, s));
            Assert.True(scenario.FailedStatuses.Count <= 1, $"failure at write {failAt}: {scenario}");
            scenario.AssertEverythingDelivered();
        }
    }

    [Theory]
    [InlineData(CamAgent.Core.Platform.StoreStatus.IoError, SpoolStatus.IoError)]
    [InlineData(CamAgent.Core.Platform.StoreStatus.DeviceRemoved, SpoolStatus.DeviceRemoved)]
    public void A_Failure_At_Every_Read_Operation_Is_A_Status_And_Loses_Nothing(CamAgent.Core.Platform.StoreStatus injected, SpoolStatus expected)
    {
        CleanRun(out int reads);
        for (int failAt = 1; failAt <= reads; failAt++)
        {
            var store = new SimulatedFatStore(failAt) { FailAtReadOperation = failAt, IoErrorStatus = injected };
            var scenario = new SpoolScenario(store, Segments);
            Assert.True(scenario.Run(MaxSteps), $"failure at read {failAt}: did not finish: {scenario}");
            Assert.All(scenario.FailedStatuses, s => Assert.Equal(expected, s));
            scenario.AssertEverythingDelivered();
        }
    }

    private static int CleanRun(out int reads)
    {
        var store = new SimulatedFatStore(0);
        var scenario = new SpoolScenario(store, Segments);
        Assert.True(scenario.Run(MaxSteps));
        Assert.True(scenario.Steps < StepsBeforeHelp / 2, scenario.ToString());
        reads = store.ReadOperations;
        return store.WriteOperations;
    }
}
