using CamAgent.Ingest.Storage;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// Group commit shares flushes without weakening "acknowledged means durable": a waiter is released
/// only by a flush that began after it asked, concurrent waiters share a flush, and a failed flush
/// fails every waiter of its round.
/// </summary>
public sealed class GroupCommitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_Waiter_Arriving_During_A_Flush_Is_Released_Only_By_The_Next_One()
    {
        using var firstStarted = new ManualResetEventSlim();
        using var releaseFirst = new ManualResetEventSlim();
        int flushes = 0;
        var group = new GroupCommit(() =>
        {
            if (Interlocked.Increment(ref flushes) == 1)
            {
                firstStarted.Set();
                Assert.True(releaseFirst.Wait(Patience), "the first flush was never released");
            }
        });

        Task early = group.WaitDurableAsync();
        Assert.True(firstStarted.Wait(Patience), "no flush started");
        Task late = group.WaitDurableAsync(); // its bytes were written after the running flush began

        releaseFirst.Set();
        await early.WaitAsync(Patience);
        await late.WaitAsync(Patience);

        Assert.Equal(2, flushes);
        Assert.Equal(2, group.Rounds);
        Assert.Equal(2, group.Waiters);
    }

    [Fact]
    public async Task Concurrent_Waiters_Share_Flushes()
    {
        using var gate = new ManualResetEventSlim();
        int flushes = 0;
        var group = new GroupCommit(() =>
        {
            Interlocked.Increment(ref flushes);
            Assert.True(gate.Wait(Patience), "the flush was never released");
        });

        Task first = group.WaitDurableAsync();
        Task[] others = Enumerable.Range(0, 50).Select(_ => group.WaitDurableAsync()).ToArray();
        gate.Set();
        await first.WaitAsync(Patience);
        await Task.WhenAll(others).WaitAsync(Patience);

        Assert.Equal(51, group.Waiters);
        Assert.True(flushes <= 2, $"{flushes} flushes for 51 waiters that asked while the first flush ran");
    }

    [Fact]
    public async Task A_Failed_Flush_Fails_Every_Waiter_Of_Its_Round_And_The_Next_Round_Still_Runs()
    {
        int flushes = 0;
        var group = new GroupCommit(() =>
        {
            if (Interlocked.Increment(ref flushes) == 1)
            {
                throw new IOException("no space left on device");
            }
        });

        IOException failure = await Assert.ThrowsAsync<IOException>(() => group.WaitDurableAsync().WaitAsync(Patience));
        Assert.Contains("no space", failure.Message, StringComparison.Ordinal);
        await group.WaitDurableAsync().WaitAsync(Patience);
        Assert.Equal(2, flushes);
    }

    [Fact]
    public async Task A_File_Whose_Shared_Flush_Failed_Is_Made_Durable_By_Its_Own_Fsync()
    {
        string folder = Directory.CreateTempSubdirectory("group-commit-").FullName;
        try
        {
            using var group = new GroupCommit(() => throw new IOException("writeback error on another file"));
            await using (var file = new FileStream(Path.Combine(folder, "data"), FileMode.Create, FileAccess.Write, FileShare.None, 1))
            {
                file.Write(new byte[] { 1, 2, 3 });
                await GroupCommit.MakeDurableAsync(file, group);
            }

            Assert.Equal(1, group.Fallbacks);
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(Path.Combine(folder, "data")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_Store_Uses_A_File_System_Flush_On_Linux()
    {
        string root = Directory.CreateTempSubdirectory("group-commit-").FullName;
        try
        {
            using GroupCommit? group = GroupCommit.ForStore(root);

            Assert.Equal(OperatingSystem.IsLinux(), group is not null);
            if (group is not null)
            {
                File.WriteAllBytes(Path.Combine(root, "data"), new byte[4096]);
                await group.WaitDurableAsync().WaitAsync(Patience);
                Assert.Equal(1, group.Rounds);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
