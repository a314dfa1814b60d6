using CamAgent.Core.Agent;
using CamAgent.Core.Persistence;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.Fakes;

namespace CamAgent.Core.Tests.Agent;

public sealed class BootCounterTests
{
    [Fact]
    public void The_First_Boot_Is_One_And_Every_Boot_After_It_Takes_The_Next_Number()
    {
        var slots = new MemoryRecordSlots();
        for (long boot = 1; boot <= 5; boot++)
        {
            var counter = new BootCounter(slots);
            Assert.False(counter.IsCounted);
            Assert.Equal(PersistStatus.Ok, counter.Increment());
            Assert.True(counter.IsCounted);
            Assert.Equal(boot, counter.Current);
        }
    }

    [Fact]
    public void Counting_Again_In_The_Same_Boot_Keeps_The_Number_And_Writes_Nothing()
    {
        var slots = new MemoryRecordSlots();
        var counter = new BootCounter(slots);
        Assert.Equal(PersistStatus.Ok, counter.Increment());
        int writes = slots.Writes;
        Assert.Equal(PersistStatus.Ok, counter.Increment());
        Assert.Equal(PersistStatus.Ok, counter.Increment());
        Assert.Equal(1, counter.Current);
        Assert.Equal(writes, slots.Writes);
        Assert.Equal(2, new BootCounterProbe(slots).Next());
    }

    [Theory]
    [InlineData(SlotStatus.IoError, PersistStatus.IoError)]
    [InlineData(SlotStatus.StorageFull, PersistStatus.StorageFull)]
    public void A_Failed_Save_Counts_Nothing_And_The_Retry_Saves_The_Same_Number(SlotStatus failure, PersistStatus expected)
    {
        var slots = new MemoryRecordSlots();
        Assert.Equal(PersistStatus.Ok, new BootCounter(slots).Increment());
        var counter = new BootCounter(slots);
        slots.FailWritesWith = failure;
        Assert.Equal(expected, counter.Increment());
        Assert.False(counter.IsCounted);
        Assert.Equal(expected, counter.Increment());
        slots.FailWritesWith = SlotStatus.Ok;
        Assert.Equal(PersistStatus.Ok, counter.Increment());
        Assert.Equal(2, counter.Current);
        Assert.Equal(3, new BootCounterProbe(slots).Next());
    }

    [Fact]
    public void An_Unreadable_Count_Is_Not_Taken_For_A_First_Boot_And_Nothing_Is_Written()
    {
        var slots = new MemoryRecordSlots();
        Assert.Equal(PersistStatus.Ok, new BootCounter(slots).Increment());
        Assert.Equal(PersistStatus.Ok, new BootCounter(slots).Increment());
        int writes = slots.Writes;
        slots.FailReadsWith = SlotStatus.IoError;
        var counter = new BootCounter(slots);
        Assert.Equal(PersistStatus.IoError, counter.Increment());
        Assert.False(counter.IsCounted);
        Assert.Equal(writes, slots.Writes);

        slots.FailReadsWith = SlotStatus.Ok;
        Assert.Equal(PersistStatus.Ok, counter.Increment());
        Assert.Equal(3, counter.Current);
    }

    [Fact]
    public void A_Cut_At_Every_Save_Never_Lets_Two_Counted_Boots_Share_A_Number()
    {
        for (int cutAt = 0; cutAt < 10; cutAt++)
        {
            for (int kept = 0; kept <= 36; kept += 6)
            {
                var slots = new MemoryRecordSlots { CutAtWrite = cutAt, CutKeepsBytes = kept };
                var counted = new List<long>();
                for (int boot = 0; boot < 10; boot++)
                {
                    var counter = new BootCounter(slots);
                    if (counter.Increment() == PersistStatus.Ok)
                    {
                        counted.Add(counter.Current);
                    }

                    // A cut boot stops there (it sealed nothing with its number); power comes back.
                    if (slots.PowerLost)
                    {
                        slots.RestorePower();
                    }
                }

                Assert.Equal(counted.OrderBy(n => n).Distinct(), counted);
                Assert.Equal(9, counted.Count);
            }
        }
    }

    /// <summary>Reads the next number a boot would take, by counting a boot on the same slots.</summary>
    private sealed class BootCounterProbe(MemoryRecordSlots slots)
    {
        public long Next()
        {
            var counter = new BootCounter(slots);
            Assert.Equal(PersistStatus.Ok, counter.Increment());
            return counter.Current;
        }
    }
}
