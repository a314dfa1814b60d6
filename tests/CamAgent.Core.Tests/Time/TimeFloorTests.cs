using CamAgent.Core.Persistence;
using CamAgent.Core.Tests.Fakes;
using CamAgent.Core.Time;

namespace CamAgent.Core.Tests.Time;

public sealed class TimeFloorTests
{
    private const long Hour = TimeConstants.FloorPersistGranularityMs;

    [Fact]
    public void Fresh_Device_Starts_At_The_Build_Floor()
    {
        var floor = new TimeFloor(new MemoryRecordSlots());
        Assert.Equal(PersistStatus.Missing, floor.Load());
        Assert.Equal(TimeConstants.BuildFloorUnixMs, floor.FloorMs);
    }

    [Fact]
    public void Floor_Survives_A_Reboot_And_Never_Moves_Back()
    {
        var slots = new MemoryRecordSlots();
        var floor = new TimeFloor(slots);
        floor.Load();
        long target = TimeConstants.BuildFloorUnixMs + 10 * Hour;
        Assert.Equal(PersistStatus.Ok, floor.Advance(target));
        floor.Advance(target - 5 * Hour);
        Assert.Equal(target, floor.FloorMs);

        var rebooted = new TimeFloor(slots);
        Assert.Equal(PersistStatus.Ok, rebooted.Load());
        Assert.Equal(target, rebooted.FloorMs);
    }

    [Fact]
    public void Small_Advances_Are_Held_In_Memory_Without_Wearing_Flash()
    {
        var slots = new MemoryRecordSlots();
        var floor = new TimeFloor(slots);
        floor.Load();
        for (int i = 1; i <= 50; i++)
        {
            floor.Advance(TimeConstants.BuildFloorUnixMs + i * 60_000L);
        }

        Assert.Equal(0, slots.Writes);
        Assert.Equal(TimeConstants.BuildFloorUnixMs + 50 * 60_000L, floor.FloorMs);
    }

    [Fact]
    public void Floor_Raised_By_A_Receipt_Makes_An_Older_Wall_Time_Invalid()
    {
        var slots = new MemoryRecordSlots();
        var floor = new TimeFloor(slots);
        floor.Load();
        var clock = new ClockMonitor(floor);
        long wall = TimeConstants.BuildFloorUnixMs + 100 * Hour;
        clock.Observe(0, 0);
        clock.Observe(wall, 1000);
        Assert.True(clock.IsTrusted);

        floor.Advance(wall + 3 * Hour); // the server's signed time says the device clock is hours behind
        Assert.Equal(ClockEvent.Invalidated, clock.Observe(wall + 1000, 2000));
        Assert.False(clock.IsTrusted);
    }
}
