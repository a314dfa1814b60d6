using System.Text.Json;
using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Verification.Audit;
using Microsoft.Win32.SafeHandles;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// The audit log's shared flushes: lines are written in order at once, made durable by an fsync
/// outside the log's lock that every line written before it began shares, and a line is reported
/// durable only after such a flush. The fsync is the real one (RandomAccess.FlushToDisk on the
/// log's file) behind a gate the test opens, or one that fails as a disk error would.
/// </summary>
public sealed class AuditFlushTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _temp = new();

    private string LogPath => _temp.Combine("audit.log");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Lines_Written_While_A_Flush_Runs_Share_The_Next_One()
    {
        var flush = new GatedFlush();
        using (AuditLog log = AuditLog.Open(LogPath, TimeProvider.System, 0, shareFlushes: true, flush.Run))
        {
            Task first = log.AppendAsync(Entry(0));
            flush.WaitUntilRunning(1);
            Task[] during = Enumerable.Range(1, 10).Select(i => log.AppendAsync(Entry(i))).ToArray();

            // The first flush began before those ten lines were written: it makes only the first durable.
            flush.Release(1);
            await first.WaitAsync(Patience);
            flush.WaitUntilRunning(2);
            Assert.All(during, t => Assert.False(t.IsCompleted));

            flush.Release(2);
            await Task.WhenAll(during).WaitAsync(Patience);
            Assert.Equal(2, log.Flushes);
        }

        AuditVerification result = AuditLogVerifier.Verify(LogPath);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(11, result.Lines);
    }

    [Fact]
    public async Task Without_Shared_Flushes_Every_Line_Has_Its_Own()
    {
        int flushes = 0;
        using (AuditLog log = AuditLog.Open(LogPath, TimeProvider.System, 0, shareFlushes: false, handle =>
        {
            Interlocked.Increment(ref flushes);
            RandomAccess.FlushToDisk(handle);
        }))
        {
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => log.AppendAsync(Entry(i))))).WaitAsync(Patience);
            Assert.Equal(20, log.Flushes);
        }

        Assert.Equal(20, flushes);
        Assert.Equal(20, AuditLogVerifier.Verify(LogPath).Lines);
    }

    [Fact]
    public async Task A_Failed_Flush_Fails_Its_Lines_And_Those_Behind_Them_Cuts_Them_Off_And_Counts_Them()
    {
        using (AuditLog seed = AuditLog.Open(LogPath, TimeProvider.System))
        {
            seed.Append(Entry(100));
        }

        long durableLength = new FileInfo(LogPath).Length;
        var flush = new GatedFlush { FailRound = 1 };
        using (AuditLog log = AuditLog.Open(LogPath, TimeProvider.System, 0, shareFlushes: true, flush.Run))
        {
            Task first = log.AppendAsync(Entry(0));
            flush.WaitUntilRunning(1);
            Task behind = log.AppendAsync(Entry(1));
            flush.Release(1);

            await Assert.ThrowsAsync<IOException>(() => first.WaitAsync(Patience));
            await Assert.ThrowsAsync<IOException>(() => behind.WaitAsync(Patience));
            Assert.Equal(durableLength, new FileInfo(LogPath).Length);

            // The next decision that can be written says how many were lost, then itself. (The
            // cut-off line's place in the second round may still be taken: it may run first.)
            flush.Release(2);
            flush.Release(3);
            Task next = log.AppendAsync(Entry(2));
            await next.WaitAsync(Patience);
        }

        AuditVerification result = AuditLogVerifier.Verify(LogPath);
        Assert.True(result.IsValid, result.Problem);
        string[] lines = File.ReadAllLines(LogPath);
        Assert.Equal(3, lines.Length);
        using JsonDocument unrecorded = JsonDocument.Parse(lines[1]);
        Assert.Equal("decisions-unrecorded", unrecorded.RootElement.GetProperty("code").GetString());
        Assert.Equal(2, unrecorded.RootElement.GetProperty("unrecorded").GetInt64());
        using JsonDocument last = JsonDocument.Parse(lines[2]);
        Assert.Equal("cam-2", last.RootElement.GetProperty("device").GetString());
    }

    [Fact]
    public void Disposing_Flushes_What_Was_Written()
    {
        var flush = new GatedFlush();
        AuditLog log = AuditLog.Open(LogPath, TimeProvider.System, 0, shareFlushes: true, flush.Run);
        Task line = log.AppendAsync(Entry(0));
        flush.WaitUntilRunning(1);
        flush.Release(1);
        log.Dispose();

        Assert.True(line.IsCompletedSuccessfully);
        Assert.Throws<ObjectDisposedException>(() => { _ = log.AppendAsync(Entry(1)); });
        Assert.Equal(1, AuditLogVerifier.Verify(LogPath).Lines);
    }

    [Fact]
    public async Task On_The_Stores_Rounds_A_Line_Shares_One_Flush_With_The_Steps_Taken_Before_It()
    {
        string step = _temp.Combine("step");
        var seen = new List<(bool Step, long LogLength)>();
        using var rounds = new GroupCommit(() =>
        {
            lock (seen)
            {
                seen.Add((File.Exists(step), new FileInfo(LogPath).Length));
            }
        });
        using (AuditLog log = AuditLog.Open(LogPath, TimeProvider.System, 0, rounds))
        {
            File.WriteAllBytes(step, [1]); // a store step, not flushed on its own
            await log.AppendAsync(Entry(0)).WaitAsync(Patience);

            Assert.Equal(1, rounds.Rounds);
            Assert.True(seen[0].Step, "the flush did not see the store's step");
            Assert.True(seen[0].LogLength > 0, "the flush began before the line was written");
            Assert.Equal(1, log.Flushes);
        }

        Assert.Equal(1, AuditLogVerifier.Verify(LogPath).Lines);
    }

    [Fact]
    public async Task On_The_Stores_Rounds_A_Failed_Round_Is_Decided_By_The_Log_Files_Own_Fsync()
    {
        int round = 0;
        using var rounds = new GroupCommit(() =>
        {
            if (Interlocked.Increment(ref round) == 1)
            {
                throw new IOException("writeback error on another file of the store");
            }
        });
        using (AuditLog log = AuditLog.Open(LogPath, TimeProvider.System, 0, rounds))
        {
            // The store's syncfs failed for another file; the log file's own fsync succeeds: the line is durable.
            await log.AppendAsync(Entry(0)).WaitAsync(Patience);
            await log.AppendAsync(Entry(1)).WaitAsync(Patience);
        }

        AuditVerification result = AuditLogVerifier.Verify(LogPath);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(2, result.Lines);
        Assert.Equal(2, Volatile.Read(ref round));
    }

    private static AuditEntry Entry(int i) => new(AuditEntry.Accept, "create", "created", 201, "cam-" + i);

    // A real fsync behind a gate per round; round FailRound fails as a disk error would.
    private sealed class GatedFlush
    {
        private readonly SemaphoreSlim _started = new(0);
        private readonly Dictionary<int, ManualResetEventSlim> _gates = [];
        private int _round;

        public int FailRound { get; init; }

        public void Run(SafeFileHandle handle)
        {
            int round = Interlocked.Increment(ref _round);
            ManualResetEventSlim gate = Gate(round);
            _started.Release();
            Assert.True(gate.Wait(Patience), "the test never released flush " + round);
            if (round == FailRound)
            {
                throw new IOException("Input/output error");
            }

            RandomAccess.FlushToDisk(handle);
        }

        public void WaitUntilRunning(int round)
        {
            while (Volatile.Read(ref _round) < round)
            {
                Assert.True(_started.Wait(Patience), "flush " + round + " never started");
            }
        }

        public void Release(int round) => Gate(round).Set();

        private ManualResetEventSlim Gate(int round)
        {
            lock (_gates)
            {
                if (!_gates.TryGetValue(round, out ManualResetEventSlim? gate))
                {
                    gate = new ManualResetEventSlim();
                    _gates[round] = gate;
                }

                return gate;
            }
        }
    }
}
