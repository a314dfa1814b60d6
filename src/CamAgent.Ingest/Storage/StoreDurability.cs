namespace CamAgent.Ingest.Storage;

/// <summary>
/// How the filesystem store makes creations and completions durable. Immediate: every step is
/// fsynced as it happens (the file, then the directory that names it), which orders the steps on
/// any POSIX file system. With group commit: the steps are plain file-system calls, and the store
/// waits at barriers instead (<see cref="BarrierAsync"/>): a barrier completes after a shared
/// syncfs(2) of the store's file system that began after it was called, so every step before it is
/// on disk before any step after it, and concurrent uploads share those flushes instead of each
/// blocking a thread on its own fsyncs. Either way a step an answer depends on is durable before
/// the answer leaves.
/// </summary>
internal sealed class StoreDurability
{
    /// <summary>Every step fsynced as it happens; barriers complete at once.</summary>
    public static readonly StoreDurability Immediate = new(null);

    private readonly GroupCommit? _group;

    public StoreDurability(GroupCommit? group) => _group = group;

    private bool SyncEachStep => _group is null;

    /// <summary>True when steps wait at shared barriers (group commit) rather than being fsynced as they happen.</summary>
    public bool SharesFlushes => _group is not null;

    /// <summary>
    /// Makes the file at <paramref name="path"/> durable by its own fsync: what decides for that
    /// file when a shared flush failed. Throws <see cref="IOException"/> when it cannot.
    /// </summary>
    public void FlushFile(string path)
    {
        using Microsoft.Win32.SafeHandles.SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        if (_group is null)
        {
            RandomAccess.FlushToDisk(file);
        }
        else
        {
            _group.FlushFile(file);
        }
    }

    /// <summary>Completes once every step taken before the call is durable; faults with the flush's <see cref="IOException"/>.</summary>
    public Task BarrierAsync() => _group is null ? Task.CompletedTask : _group.WaitDurableAsync();

    public void WriteNewFile(string path, ReadOnlySpan<byte> bytes) => Durable.WriteNewFile(path, bytes, FileMode.CreateNew, SyncEachStep);

    public void WriteFileAtomically(string path, ReadOnlySpan<byte> bytes) => Durable.WriteFileAtomically(path, bytes, SyncEachStep);

    public void Move(string source, string destination) => Durable.Move(source, destination, SyncEachStep);

    public void CreateDirectory(string path) => Durable.CreateDirectory(path, SyncEachStep);

    public void DeleteDirectory(string path) => Durable.DeleteDirectory(path, SyncEachStep);

    public void SyncDirectory(string path)
    {
        if (SyncEachStep)
        {
            Durable.SyncDirectory(path);
        }
    }
}
