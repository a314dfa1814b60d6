using CamAgent.Core.Platform;
using CamAgent.Core.Storage;

namespace CamAgent.Core.Tests.Storage;

public class StateJournalTests
{
    private const string Directory = "STATE";
    private const int MaxPayload = 64;

    private static byte[] Value(int n) => Enumerable.Range(0, 1 + (n % 40)).Select(i => (byte)(n * 7 + i)).ToArray();

    private static (StoreStatus Status, byte[]? Value) LoadFresh(IFileStore store)
    {
        var journal = new StateJournal(store, Directory, MaxPayload);
        byte[] buffer = new byte[MaxPayload];
        StoreStatus status = journal.Load(buffer, 0, out int length, out bool found);
        return (status, found ? buffer.Take(length).ToArray() : null);
    }

    [Fact]
    public void Load_Finds_Nothing_On_An_Empty_Store()
    {
        var (status, value) = LoadFresh(new SimulatedFatStore(1));
        Assert.Equal(StoreStatus.Ok, status);
        Assert.Null(value);
    }

    [Fact]
    public void Load_Returns_The_Last_Saved_Value_And_Only_Two_Generations_Remain()
    {
        var store = new SimulatedFatStore(2);
        var journal = new StateJournal(store, Directory, MaxPayload);
        journal.Load(new byte[MaxPayload], 0, out _, out _);
        for (int n = 0; n < 10; n++)
        {
            byte[] value = Value(n);
            Assert.Equal(StoreStatus.Ok, journal.Save(value, 0, value.Length));
        }

        Assert.Equal(Value(9), LoadFresh(store).Value);
        store.List(Directory, out string[] names);
        Assert.Equal(new[] { "00000008.JNL", "00000009.JNL" }, names.OrderBy(n => n));
    }

    [Fact]
    public void A_Torn_Newest_Generation_Falls_Back_To_The_Previous_One()
    {
        var store = new SimulatedFatStore(3);
        var journal = new StateJournal(store, Directory, MaxPayload);
        journal.Load(new byte[MaxPayload], 0, out _, out _);
        journal.Save(Value(1), 0, Value(1).Length);
        journal.Save(Value(2), 0, Value(2).Length);
        byte[] newest = store.Peek("STATE/00000001.JNL")!;
        newest[newest.Length - 6] ^= 0x40;
        store.Seed("STATE/00000001.JNL", newest);

        Assert.Equal(Value(1), LoadFresh(store).Value);
    }

    [Fact]
    public void A_Committed_File_Under_Another_Generation_Name_Is_Rejected()
    {
        var store = new SimulatedFatStore(4);
        var journal = new StateJournal(store, Directory, MaxPayload);
        journal.Load(new byte[MaxPayload], 0, out _, out _);
        journal.Save(Value(1), 0, Value(1).Length);
        store.Seed("STATE/00000007.JNL", store.Peek("STATE/00000000.JNL")!);

        var (_, value) = LoadFresh(store);
        Assert.Equal(Value(1), value);
    }

    [Fact]
    public void A_Cut_At_Any_Write_Leaves_The_Last_Committed_Or_The_New_Value_Never_Anything_Else()
    {
        for (int seed = 0; seed < 40; seed++)
        {
            for (int cut = 1; cut <= 30; cut++)
            {
                var store = new SimulatedFatStore(seed * 1000 + cut) { CutAtWriteOperation = cut };
                var journal = new StateJournal(store, Directory, MaxPayload);
                journal.Load(new byte[MaxPayload], 0, out _, out _);
                int committed = -1;
                int attempting = -1;
                try
                {
                    for (int n = 0; n < 8; n++)
                    {
                        attempting = n;
                        Assert.Equal(StoreStatus.Ok, journal.Save(Value(n), 0, Value(n).Length));
                        committed = n;
                    }
                }
                catch (PowerLostException)
                {
                }

                store.PowerOn();
                var (status, value) = LoadFresh(store);
                Assert.Equal(StoreStatus.Ok, status);
                bool isCommitted = committed >= 0 ? value != null && value.SequenceEqual(Value(committed)) : value == null;
                bool isAttempted = value != null && value.SequenceEqual(Value(attempting));
                Assert.True(isCommitted || isAttempted, $"seed {seed} cut {cut}: got {(value == null ? "nothing" : Convert.ToHexString(value))}\n{store.Describe()}");

                // The journal keeps working after recovery and never meets its own leftovers.
                var next = new StateJournal(store, Directory, MaxPayload);
                next.Load(new byte[MaxPayload], 0, out _, out _);
                Assert.Equal(StoreStatus.Ok, next.Save(Value(99), 0, Value(99).Length));
                Assert.Equal(Value(99), LoadFresh(store).Value);
            }
        }
    }

    [Fact]
    public void Returns_StorageFull_And_Keeps_The_Previous_Value_When_The_Volume_Is_Full()
    {
        var store = new SimulatedFatStore(5);
        var journal = new StateJournal(store, Directory, MaxPayload);
        journal.Load(new byte[MaxPayload], 0, out _, out _);
        journal.Save(Value(1), 0, Value(1).Length);
        store.CapacityBytes = store.UsedBytes + 10;

        Assert.Equal(StoreStatus.StorageFull, journal.Save(Value(2), 0, Value(2).Length));
        Assert.Equal(Value(1), LoadFresh(store).Value);

        store.CapacityBytes = long.MaxValue;
        Assert.Equal(StoreStatus.Ok, journal.Save(Value(3), 0, Value(3).Length));
        Assert.Equal(Value(3), LoadFresh(store).Value);
    }

    [Theory]
    [InlineData(StoreStatus.IoError)]
    [InlineData(StoreStatus.DeviceRemoved)]
    public void A_Failed_Write_Returns_Its_Status_And_Keeps_The_Previous_Value(StoreStatus failure)
    {
        // A save is four write operations: create, append, flush, rename.
        for (int failAt = 1; failAt <= 4; failAt++)
        {
            var store = new SimulatedFatStore(6);
            var journal = new StateJournal(store, Directory, MaxPayload);
            journal.Load(new byte[MaxPayload], 0, out _, out _);
            journal.Save(Value(1), 0, Value(1).Length);
            store.IoErrorStatus = failure;
            store.FailAtWriteOperation = store.WriteOperations + failAt;

            Assert.Equal(failure, journal.Save(Value(2), 0, Value(2).Length));
            Assert.Equal(Value(1), LoadFresh(store).Value);
        }
    }
}
