using CamAgent.Core.Persistence;
using CamAgent.Core.Tests.Fakes;
using CamAgent.Core.Time;

namespace CamAgent.Core.Tests.Time;

/// <summary>A mark taken before this boot's first sync is dated through the monotonic clock once the clock is synchronised.</summary>
public sealed class ClockMonitorBackdateTests
{
    private const long Floor = TimeConstants.BuildFloorUnixMs;
    private const long Real = Floor + 200L * 24 * 3600 * 1000;

    private static ClockMonitor NewMonitor()
    {
        var floor = new TimeFloor(new MemoryRecordSlots());
        floor.Load();
        return new ClockMonitor(floor);
    }

    [Fact]
    public void A_Mark_Taken_At_1970_Before_The_Sync_Step_Gets_The_Synced_Time_Less_The_Ticks_Between()
    {
        var clock = NewMonitor();
        clock.Observe(5_000, 5_000);
        var boot = new TimeMark();
        clock.Capture(boot);
        Assert.Equal(ClockEvent.Synced, clock.Observe(Real, 65_000));

        clock.Backdate(boot);

        Assert.Equal(ClockCondition.Valid, boot.State);
        Assert.Equal(Real - 60_000, boot.WallUnixMs);
        Assert.Equal(TimeConstants.SyncAccuracyMs + ClockMonitor.DriftBoundMs(60_000), boot.UncertaintyMs);
        var now = new TimeMark();
        clock.Capture(now);
        var window = new TimeAttestation();
        window.Set(boot, now);
        Assert.Equal(ClockCondition.Valid, window.State);
    }

    [Fact]
    public void A_Mark_Before_A_Later_Step_Is_Dated_From_The_Step_That_Resynchronised_The_Clock()
    {
        var clock = NewMonitor();
        clock.Observe(Real, 10);
        var boot = new TimeMark();
        clock.Capture(boot);
        clock.NotifySynced(Real + 100, 110);
        Assert.Equal(ClockEvent.Stepped, clock.Observe(Real + 100_000, 1_110));

        clock.Backdate(boot);

        // Only SNTP writes the clock: the step is the latest sync, and the ticks since the mark are continuous.
        Assert.Equal(ClockCondition.Valid, boot.State);
        Assert.Equal(Real + 100_000 - 1_100, boot.WallUnixMs);
    }

    [Fact]
    public void Nothing_Changes_While_The_Clock_Is_Not_Trusted_Or_For_A_Mark_After_The_Sync()
    {
        var clock = NewMonitor();
        clock.Observe(Real, 10);
        var early = new TimeMark();
        clock.Capture(early);
        clock.Backdate(early);
        Assert.Equal(ClockCondition.Unsynced, early.State);

        clock.NotifySynced(Real + 100, 110);
        clock.Observe(Real + 200, 210);
        var later = new TimeMark();
        clock.Capture(later);
        long wall = later.WallUnixMs;
        clock.Backdate(later);
        Assert.Equal(wall, later.WallUnixMs);
        Assert.Equal(ClockCondition.Valid, later.State);
    }

    [Fact]
    public void A_Backdated_Time_Below_The_Persisted_Floor_Is_Not_Claimed()
    {
        var clock = NewMonitor();
        clock.Observe(Floor + 10, 10);
        var boot = new TimeMark();
        clock.Capture(boot);
        clock.NotifySynced(Floor + 20, 1_000_000);

        clock.Backdate(boot);

        Assert.NotEqual(ClockCondition.Valid, boot.State);
    }
}
