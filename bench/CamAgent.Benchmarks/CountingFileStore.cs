using CamAgent.Core.Platform;

namespace CamAgent.Benchmarks;

/// <summary>
/// Passes every call to a real store and counts mutating operations, flushes and bytes appended,
/// the appends of state-journal generations (".JNT" files) apart, and the bytes the real store
/// allocated on the calling thread, so that a benchmark can tell Core's allocations from the
/// host adapter's.
/// </summary>
public sealed class CountingFileStore(IFileStore inner) : IFileStore
{
    private const string JournalTemporaryExtension = ".JNT";

    public long WriteOperations { get; private set; }

    public long Flushes { get; private set; }

    public long BytesAppended { get; private set; }

    /// <summary>State-journal generations written (one append each).</summary>
    public long JournalWrites { get; private set; }

    /// <summary>Bytes of those generations (whole frames).</summary>
    public long JournalBytes { get; private set; }

    /// <summary>Bytes allocated inside the real store's calls on the calling thread.</summary>
    public long AdapterAllocatedBytes { get; private set; }

    public StoreStatus CreateFile(string path) => Count(Measured(Allocated(), inner.CreateFile(path)));

    public StoreStatus Append(string path, byte[] buffer, int offset, int count)
    {
        BytesAppended += count;
        if (path.EndsWith(JournalTemporaryExtension, StringComparison.OrdinalIgnoreCase))
        {
            JournalWrites++;
            JournalBytes += count;
        }

        return Count(Measured(Allocated(), inner.Append(path, buffer, offset, count)));
    }

    public StoreStatus Flush(string path)
    {
        Flushes++;
        return Count(Measured(Allocated(), inner.Flush(path)));
    }

    public StoreStatus Read(string path, long position, byte[] buffer, int offset, int count, out int bytesRead)
    {
        return Measured(Allocated(), inner.Read(path, position, buffer, offset, count, out bytesRead));
    }

    public StoreStatus OpenRead(string path, out Stream stream)
    {
        return Measured(Allocated(), inner.OpenRead(path, out stream));
    }

    public StoreStatus GetLength(string path, out long lengthBytes)
    {
        return Measured(Allocated(), inner.GetLength(path, out lengthBytes));
    }

    public StoreStatus Rename(string fromPath, string toPath) => Count(Measured(Allocated(), inner.Rename(fromPath, toPath)));

    public StoreStatus Delete(string path) => Count(Measured(Allocated(), inner.Delete(path)));

    public StoreStatus List(string directoryPath, out string[] fileNames)
    {
        return Measured(Allocated(), inner.List(directoryPath, out fileNames));
    }

    public StoreStatus CreateDirectory(string directoryPath) => Count(Measured(Allocated(), inner.CreateDirectory(directoryPath)));

    public StoreStatus GetFreeSpace(out long freeBytes)
    {
        return Measured(Allocated(), inner.GetFreeSpace(out freeBytes));
    }

    private static long Allocated() => GC.GetAllocatedBytesForCurrentThread();

    // Arguments are evaluated in order: the first reading is taken before the real call runs.
    private StoreStatus Measured(long before, StoreStatus status)
    {
        AdapterAllocatedBytes += Allocated() - before;
        return status;
    }

    private StoreStatus Count(StoreStatus status)
    {
        WriteOperations++;
        return status;
    }
}
