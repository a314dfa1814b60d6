using CamAgent.Core.Persistence;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.Fakes;

namespace CamAgent.Core.Tests.Persistence;

public sealed class DurableRecordTests
{
    private static byte[] Payload(int version, int length)
    {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++)
        {
            p[i] = (byte)(version * 31 + i);
        }

        return p;
    }

    [Fact]
    public void Load_Returns_Missing_When_Nothing_Was_Saved()
    {
        var record = new DurableRecord(new MemoryRecordSlots(), "r", 64);
        Assert.Equal(PersistStatus.Missing, record.Load(new byte[64], 0, out int length));
        Assert.Equal(0, length);
    }

    [Fact]
    public void Load_Returns_The_Newest_Of_Many_Saves_Across_Instances()
    {
        var slots = new MemoryRecordSlots();
        for (int version = 1; version <= 5; version++)
        {
            var writer = new DurableRecord(slots, "r", 64);
            writer.Load(new byte[64], 0, out _);
            Assert.Equal(PersistStatus.Ok, writer.Save(Payload(version, 10 + version), 0, 10 + version));
        }

        var reader = new DurableRecord(slots, "r", 64);
        byte[] loaded = new byte[64];
        Assert.Equal(PersistStatus.Ok, reader.Load(loaded, 0, out int length));
        Assert.Equal(Payload(5, 15), loaded.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void A_Power_Cut_At_Every_Byte_Of_A_Save_Leaves_Either_The_Old_Or_The_New_Copy()
    {
        int frameBytes = DurableRecord.HeaderSizeBytes + 40 + DurableRecord.CheckSizeBytes;
        for (int kept = 0; kept <= frameBytes; kept++)
        {
            var slots = new MemoryRecordSlots();
            var first = new DurableRecord(slots, "r", 64);
            first.Load(new byte[64], 0, out _);
            first.Save(Payload(1, 40), 0, 40);
            first.Save(Payload(2, 40), 0, 40);

            slots.CutAtWrite = slots.Writes;
            slots.CutKeepsBytes = kept;
            first.Save(Payload(3, 40), 0, 40);
            slots.RestorePower();

            var after = new DurableRecord(slots, "r", 64);
            byte[] loaded = new byte[64];
            Assert.Equal(PersistStatus.Ok, after.Load(loaded, 0, out int length));
            byte[] expected = kept == frameBytes ? Payload(3, 40) : Payload(2, 40);
            Assert.Equal(expected, loaded.AsSpan(0, length).ToArray());
        }
    }

    [Fact]
    public void A_Corrupted_Newest_Slot_Falls_Back_To_The_Previous_Copy()
    {
        var slots = new MemoryRecordSlots();
        var record = new DurableRecord(slots, "r", 64);
        record.Load(new byte[64], 0, out _);
        record.Save(Payload(1, 20), 0, 20);
        record.Save(Payload(2, 20), 0, 20);
        slots.Corrupt("r", 1, DurableRecord.HeaderSizeBytes + 3);

        byte[] loaded = new byte[64];
        Assert.Equal(PersistStatus.Ok, new DurableRecord(slots, "r", 64).Load(loaded, 0, out int length));
        Assert.Equal(Payload(1, 20), loaded.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void Save_Reports_StorageFull_And_Keeps_The_Previous_Copy()
    {
        var slots = new MemoryRecordSlots();
        var record = new DurableRecord(slots, "r", 64);
        record.Load(new byte[64], 0, out _);
        record.Save(Payload(1, 20), 0, 20);
        slots.FailWritesWith = SlotStatus.StorageFull;
        Assert.Equal(PersistStatus.StorageFull, record.Save(Payload(2, 20), 0, 20));
        slots.FailWritesWith = SlotStatus.Ok;

        byte[] loaded = new byte[64];
        new DurableRecord(slots, "r", 64).Load(loaded, 0, out int length);
        Assert.Equal(Payload(1, 20), loaded.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void Save_Allocates_Nothing_In_Steady_State()
    {
        var record = new DurableRecord(new NullSlots(), "r", 64);
        byte[] payload = Payload(1, 64);
        record.Save(payload, 0, 64);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            record.Save(payload, 0, 64);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private sealed class NullSlots : IRecordSlots
    {
        public SlotStatus Read(string name, int slot, byte[] buffer, int offset, int count, out int length)
        {
            length = 0;
            return SlotStatus.Missing;
        }

        public SlotStatus Write(string name, int slot, byte[] buffer, int offset, int count) => SlotStatus.Ok;
    }
}
