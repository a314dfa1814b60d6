using CamAgent.Core.Platform;
using CamAgent.Core.Spool;
using CamAgent.Core.Tests.Storage;

namespace CamAgent.Core.Tests.Spool;

public class StorageMonitorTests
{
    [Fact]
    public void Alarm_Rises_Below_The_Low_Threshold_Once_Per_Episode_And_Again_After_Space_Returned()
    {
        var store = new SimulatedFatStore(9) { CapacityBytes = 5_000 };
        var monitor = new StorageMonitor(store, lowFreeBytes: 10_000, criticalFreeBytes: 1_000);
        Assert.False(monitor.AlarmPending);

        Assert.Equal(StoreStatus.Ok, monitor.Check(out StorageLevel level));
        Assert.Equal(StorageLevel.Low, level);
        Assert.True(monitor.AlarmPending);
        monitor.AcknowledgeAlarm();
        Assert.False(monitor.AlarmPending);

        store.CapacityBytes = 500;
        monitor.Check(out level);
        Assert.Equal(StorageLevel.Critical, level);
        Assert.False(monitor.AlarmPending);

        store.CapacityBytes = 50_000;
        monitor.Check(out level);
        Assert.Equal(StorageLevel.Normal, level);
        store.CapacityBytes = 5_000;
        monitor.Check(out _);
        Assert.True(monitor.AlarmPending);
    }

    [Fact]
    public void A_Failed_Measurement_Is_A_Status_And_Keeps_The_Previous_Level()
    {
        var store = new SimulatedFatStore(10) { CapacityBytes = 5_000 };
        var monitor = new StorageMonitor(store, 10_000, 1_000);
        monitor.Check(out _);
        store.FailAtReadOperation = store.ReadOperations + 1;
        Assert.Equal(StoreStatus.IoError, monitor.Check(out StorageLevel level));
        Assert.Equal(StorageLevel.Low, level);
    }

    [Fact]
    public void Thresholds_Must_Be_Ordered()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StorageMonitor(new SimulatedFatStore(1), 10, 20));
    }
}
