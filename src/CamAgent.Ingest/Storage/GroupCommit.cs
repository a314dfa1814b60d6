using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// Group commit for the filesystem store: concurrent PATCHes that have written their bytes share
/// one flush of the store's file system instead of one fsync each. A PATCH is acknowledged only
/// after a flush that began after its bytes were written (a waiter that arrives while a flush is
/// running waits for the next one), so "acknowledged means durable" holds exactly as with a
/// per-file fsync. On Linux the flush is syncfs(2) on the store's file system; where that does not
/// exist the store keeps one fsync per PATCH (<see cref="ForStore"/> returns null).
/// </summary>
public sealed class GroupCommit : IDisposable
{
    private readonly Action _flush;
    private readonly Action<SafeFileHandle> _flushFile;
    private readonly IDisposable? _owned;
    private readonly object _gate = new();
    private List<Action<IOException?>> _waiting = [];
    private bool _flushing;
    private long _fallbacks;

    /// <param name="flush">Makes every byte written before it was called durable; throws <see cref="IOException"/> on failure.</param>
    public GroupCommit(Action flush)
        : this(flush, RandomAccess.FlushToDisk, null)
    {
    }

    /// <param name="flush">Makes every byte written before it was called durable; throws <see cref="IOException"/> on failure.</param>
    /// <param name="flushFile">One file's own flush (fsync), which decides for that file when a shared flush failed.</param>
    public GroupCommit(Action flush, Action<SafeFileHandle> flushFile)
        : this(flush, flushFile, null)
    {
    }

    private GroupCommit(Action flush, Action<SafeFileHandle> flushFile, IDisposable? owned)
    {
        ArgumentNullException.ThrowIfNull(flush);
        ArgumentNullException.ThrowIfNull(flushFile);
        _flush = flush;
        _flushFile = flushFile;
        _owned = owned;
    }

    /// <summary>Flushes run so far (each one made every waiter of its round durable).</summary>
    public long Rounds { get; private set; }

    /// <summary>Waiters served so far.</summary>
    public long Waiters { get; private set; }

    /// <summary>Files made durable by their own fsync after a shared flush failed.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>Group commit on the file system holding <paramref name="storeRoot"/>, or null where syncfs(2) does not exist.</summary>
    public static GroupCommit? ForStore(string storeRoot)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var directory = new FileSystemHandle(storeRoot);
        return new GroupCommit(directory.Sync, RandomAccess.FlushToDisk, directory);
    }

    /// <summary>Completes once every byte the caller wrote before calling this is durable; faults with the flush's IOException.</summary>
    public Task WaitDurableAsync()
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Join(failure =>
        {
            if (failure is null)
            {
                waiter.SetResult();
            }
            else
            {
                waiter.SetException(failure);
            }
        });
        return waiter.Task;
    }

    /// <summary>
    /// As <see cref="WaitDurableAsync"/>, calling <paramref name="settled"/> (null: durable, or
    /// the flush's failure) on the flushing thread, outside this object's lock, in the order the
    /// callers joined: everything joined before is settled first, and the next flush begins only
    /// after it returns. It must be short and must not wait for another flush.
    /// </summary>
    public void Join(Action<IOException?> settled)
    {
        ArgumentNullException.ThrowIfNull(settled);
        bool start;
        lock (_gate)
        {
            _waiting.Add(settled);
            start = !_flushing;
            _flushing = true;
        }

        if (start)
        {
            _ = Task.Run(FlushRounds); // observed through the waiters, never through this task
        }
    }

    public void Dispose() => _owned?.Dispose();

    /// <summary>
    /// Makes what was written to <paramref name="file"/> durable: through <paramref name="group"/>'s
    /// next flush when there is one (the file's buffer is pushed to the operating system first),
    /// otherwise with the file's own fsync. A failed shared flush falls back to the file's own
    /// fsync, which alone decides: syncfs(2) reports errors of any file on the file system, and
    /// another file's trouble must not fail this one.
    /// </summary>
    public static async Task MakeDurableAsync(FileStream file, GroupCommit? group)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (group is not null)
        {
            file.Flush(flushToDisk: false);
            await MakeDurableAsync(file.SafeFileHandle, group).ConfigureAwait(false);
            return;
        }

        file.Flush(flushToDisk: true);
    }

    /// <summary>As the <see cref="FileStream"/> overload, for a handle written with <see cref="RandomAccess"/> (unbuffered).</summary>
    public static async Task MakeDurableAsync(SafeFileHandle file, GroupCommit? group)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (group is null)
        {
            RandomAccess.FlushToDisk(file);
            return;
        }

        try
        {
            await group.WaitDurableAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            group.FlushFile(file);
        }
    }

    /// <summary>
    /// The file's own flush (fsync), for a file whose shared flush failed: syncfs(2) reports
    /// errors of any file on the file system, and another file's trouble must not fail this one.
    /// Throws <see cref="IOException"/> when the file's bytes cannot be made durable.
    /// </summary>
    public void FlushFile(SafeFileHandle file)
    {
        ArgumentNullException.ThrowIfNull(file);
        CountFallback();
        _flushFile(file);
    }

    private void CountFallback() => Interlocked.Increment(ref _fallbacks);

    private void FlushRounds()
    {
        while (true)
        {
            List<Action<IOException?>> round;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                round = _waiting;
                _waiting = [];
            }

            Complete(round, Flush());
        }
    }

    private IOException? Flush()
    {
        try
        {
            _flush();
            return null;
        }
        catch (IOException failure)
        {
            return failure;
        }
    }

    private void Complete(List<Action<IOException?>> round, IOException? failure)
    {
        lock (_gate)
        {
            Rounds++;
            Waiters += round.Count;
        }

        foreach (Action<IOException?> settled in round)
        {
            settled(failure);
        }
    }

    private sealed class FileSystemHandle : IDisposable
    {
        private const int ReadOnly = 0;
        private readonly int _fd;

        public FileSystemHandle(string path)
        {
            _fd = open(path, ReadOnly);
            if (_fd < 0)
            {
                throw new IOException($"Cannot open '{path}' to flush its file system (errno {Marshal.GetLastPInvokeError()}).");
            }
        }

        public void Sync()
        {
            if (syncfs(_fd) != 0)
            {
                throw new IOException($"syncfs failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }

        public void Dispose() => _ = close(_fd); // a failed close of a read-only descriptor loses nothing

        [DllImport("libc", SetLastError = true)]
        private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int syncfs(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern int close(int fd);
    }
}
