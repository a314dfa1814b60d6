using System.Diagnostics;
using CamAgent.Core.Agent;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.Storage;
using Xunit.Abstractions;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// The shipped <see cref="AgentLoop"/> (<see cref="AgentScenario"/>) on a card that is full at
/// every capacity of a sweep, and on one that fails (an I/O error, or the card pulled) at every
/// write and every read operation of a run: each failure is a status the agent logs, the storage
/// alarm shows when space runs low, and nothing sealed is lost or corrupted: once space or the
/// medium is back, every finished segment reaches the server intact.
/// </summary>
public class StorageFaultTests : IClassFixture<ScenarioDevice>
{
    private const int Segments = 3;
    private const int MaxSteps = 20_000;

    // A clean three-segment run takes about 20 steps; a run still going after ten times as many is stuck for space.
    private const int StepsBeforeHelp = 200;

    // The largest single spool write here is a record frame (about 900 bytes with the device
    // certificate) plus a journal generation (about 130 bytes): the critical level leaves room for both.
    private const long CriticalFreeBytes = 1_100;
    private const long LowFreeBytes = 1_300;

    // The sweep runs past the most the card ever holds at once in a clean run, in steps of this many bytes.
    private const int CapacityStepBytes = 1;

    private readonly ScenarioDevice _device;
    private readonly ITestOutputHelper _output;

    public StorageFaultTests(ScenarioDevice device, ITestOutputHelper output)
    {
        _device = device;
        _output = output;
    }

    [Fact]
    public void Storage_Full_At_Every_Capacity_Shows_The_Alarm_And_Loses_Nothing()
    {
        var clock = Stopwatch.StartNew();
        long peak = PeakUse();
        int finishedUnaided = 0;
        int alarms = 0;
        int steps = 0;
        for (long capacity = 0; capacity <= peak + LowFreeBytes; capacity += CapacityStepBytes)
        {
            steps++;
            var store = new SimulatedFatStore((int)capacity) { CapacityBytes = capacity };
            var scenario = new AgentScenario(_device, store, Segments, LowFreeBytes, CriticalFreeBytes);
            string context = $"capacity {capacity}";
            bool finished = scenario.Run(StepsBeforeHelp);
            Assert.All(scenario.LoggedStatuses(), s => Assert.Equal("StorageFull", s));
            if (!finished)
            {
                Assert.True(scenario.StatusesShown.Contains(AgentStatus.StorageAlarm), $"{context}: storage ran out without the alarm: {scenario}");
                alarms++;
                scenario.Oracle.AssertConsistent();
                store.CapacityBytes = long.MaxValue;
                Assert.True(scenario.Run(MaxSteps), $"{context}: did not finish once space was back: {scenario}");
            }
            else
            {
                finishedUnaided++;
            }

            scenario.AssertEverythingDelivered();
        }

        _output.WriteLine($"AgentLoop, storage full: {steps} capacity steps (0 to {peak + LowFreeBytes} bytes), {finishedUnaided} finished without help, {alarms} stuck with the alarm until space came back, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(finishedUnaided > 0 && alarms > 0);
    }

    [Theory]
    [InlineData(StoreStatus.IoError)]
    [InlineData(StoreStatus.DeviceRemoved)]
    public void A_Failure_At_Every_Write_Operation_Is_A_Status_And_Loses_Nothing(StoreStatus injected)
    {
        int total = CleanRun(out _);
        int surfaced = 0;
        for (int failAt = 1; failAt <= total; failAt++)
        {
            var store = new SimulatedFatStore(failAt) { FailAtWriteOperation = failAt, IoErrorStatus = injected };
            var scenario = new AgentScenario(_device, store, Segments);
            Assert.True(scenario.Run(MaxSteps), $"failure at write {failAt}: did not finish: {scenario}");
            Assert.All(scenario.LoggedStatuses(), s => Assert.Equal(injected.ToString(), s));
            surfaced += scenario.LoggedStatuses().Any() ? 1 : 0;
            scenario.AssertEverythingDelivered();
        }

        _output.WriteLine($"AgentLoop, {injected} at every card write: {total} operations faulted, {surfaced} logged by the agent (the rest hit the recorder or a clean-up the agent repeats)");
    }

    [Theory]
    [InlineData(StoreStatus.IoError)]
    [InlineData(StoreStatus.DeviceRemoved)]
    public void A_Failure_At_Every_Read_Operation_Is_A_Status_And_Loses_Nothing(StoreStatus injected)
    {
        CleanRun(out int reads);
        int surfaced = 0;
        for (int failAt = 1; failAt <= reads; failAt++)
        {
            var store = new SimulatedFatStore(failAt) { FailAtReadOperation = failAt, IoErrorStatus = injected };
            var scenario = new AgentScenario(_device, store, Segments);
            Assert.True(scenario.Run(MaxSteps), $"failure at read {failAt}: did not finish: {scenario}");
            Assert.All(scenario.LoggedStatuses(), s => Assert.Equal(injected.ToString(), s));
            surfaced += scenario.LoggedStatuses().Any() ? 1 : 0;
            scenario.AssertEverythingDelivered();
        }

        _output.WriteLine($"AgentLoop, {injected} at every card read: {reads} operations faulted, {surfaced} logged by the agent");
    }

    private int CleanRun(out int reads)
    {
        var store = new SimulatedFatStore(0);
        var scenario = new AgentScenario(_device, store, Segments);
        Assert.True(scenario.Run(MaxSteps));
        Assert.True(scenario.Steps < StepsBeforeHelp / 2, scenario.ToString());
        reads = store.ReadOperations;
        return store.WriteOperations;
    }

    /// <summary>The most bytes the card holds at once during a clean run.</summary>
    private long PeakUse()
    {
        var store = new SimulatedFatStore(0);
        long peak = 0;
        var scenario = new AgentScenario(_device, store, Segments);
        Action<string, byte[]> watched = store.OnAppend!;
        store.OnAppend = (path, bytes) =>
        {
            watched(path, bytes);
            peak = Math.Max(peak, store.UsedBytes + bytes.Length);
        };
        Assert.True(scenario.Run(MaxSteps));
        return peak;
    }
}
