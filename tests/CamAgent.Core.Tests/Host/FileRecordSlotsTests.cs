using CamAgent.Core.Persistence;
using CamAgent.Core.Platform;
using CamAgent.Core.Time;
using CamAgent.Host.Persistence;

namespace CamAgent.Core.Tests.Host;

public sealed class FileRecordSlotsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("camagent-slots-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Time_Floor_Persists_In_Real_Files_And_Survives_A_Torn_Newest_File()
    {
        var floor = new TimeFloor(new FileRecordSlots(_dir));
        floor.Load();
        long first = TimeConstants.BuildFloorUnixMs + 2 * TimeConstants.FloorPersistGranularityMs;
        long second = first + 2 * TimeConstants.FloorPersistGranularityMs;
        Assert.Equal(PersistStatus.Ok, floor.Advance(first));
        Assert.Equal(PersistStatus.Ok, floor.Advance(second));

        // The second save went to slot 1; tear it as a power cut would.
        string newest = Path.Combine(_dir, TimeFloor.RecordName + ".1");
        byte[] bytes = File.ReadAllBytes(newest);
        File.WriteAllBytes(newest, bytes[..(bytes.Length / 2)]);

        var rebooted = new TimeFloor(new FileRecordSlots(_dir));
        Assert.Equal(PersistStatus.Ok, rebooted.Load());
        Assert.Equal(first, rebooted.FloorMs);
    }

    [Fact]
    public void Reports_Missing_And_TooLarge_Slots()
    {
        var slots = new FileRecordSlots(_dir);
        byte[] buffer = new byte[4];
        Assert.Equal(SlotStatus.Missing, slots.Read("x", 0, buffer, 0, 4, out _));
        Assert.Equal(SlotStatus.Ok, slots.Write("x", 0, new byte[8], 0, 8));
        Assert.Equal(SlotStatus.TooLarge, slots.Read("x", 0, buffer, 0, 4, out _));
    }

    [Fact]
    public void Refuses_Record_Names_That_Escape_The_Directory()
    {
        var slots = new FileRecordSlots(_dir);
        Assert.Throws<ArgumentException>(() => slots.Write("../evil", 0, new byte[1], 0, 1));
    }
}
