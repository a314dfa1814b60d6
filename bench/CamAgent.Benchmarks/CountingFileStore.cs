using CamAgent.Core.Platform;

namespace CamAgent.Benchmarks;

/// <summary>Passes every call to a real store and counts mutating operations, flushes and bytes appended.</summary>
public sealed class CountingFileStore(IFileStore inner) : IFileStore
{
    public long WriteOperations { get; private set; }

    public long Flushes { get; private set; }

    public long BytesAppended { get; private set; }

    public StoreStatus CreateFile(string path) => Count(inner.CreateFile(path));

    public StoreStatus Append(string path, byte[] buffer, int offset, int count)
    {
        BytesAppended += count;
        return Count(inner.Append(path, buffer, offset, count));
    }

    public StoreStatus Flush(string path)
    {
        Flushes++;
        return Count(inner.Flush(path));
    }

    public StoreStatus Read(string path, long position, byte[] buffer, int offset, int count, out int bytesRead) =>
        inner.Read(path, position, buffer, offset, count, out bytesRead);

    public StoreStatus OpenRead(string path, out Stream stream) => inner.OpenRead(path, out stream);

    public StoreStatus GetLength(string path, out long lengthBytes) => inner.GetLength(path, out lengthBytes);

    public StoreStatus Rename(string fromPath, string toPath) => Count(inner.Rename(fromPath, toPath));

    public StoreStatus Delete(string path) => Count(inner.Delete(path));

    public StoreStatus List(string directoryPath, out string[] fileNames) => inner.List(directoryPath, out fileNames);

    public StoreStatus CreateDirectory(string directoryPath) => Count(inner.CreateDirectory(directoryPath));

    public StoreStatus GetFreeSpace(out long freeBytes) => inner.GetFreeSpace(out freeBytes);

    private StoreStatus Count(StoreStatus status)
    {
        WriteOperations++;
        return status;
    }
}
