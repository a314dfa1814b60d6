namespace CamAgent.Ingest.Storage;

/// <summary>
/// Whether the store's file system has room for more evidence: requests that store data are
/// refused (503 storage-unavailable) while less than the configured free space is left, so a
/// filling disk stops uploads cleanly before a write fails half-way. Asked once per request
/// (one statvfs(2)).
/// </summary>
public sealed class StorageSpace
{
    private readonly string _root;
    private readonly long _minFreeBytes;
    private DriveInfo? _drive;

    public StorageSpace(string root, long minFreeBytes)
    {
        _root = root;
        _minFreeBytes = minFreeBytes;
    }

    /// <summary>True when the file system holding the store has less than the minimum free, or cannot be asked.</summary>
    public bool IsLow()
    {
        if (_minFreeBytes == 0)
        {
            return false;
        }

        try
        {
            // Built once; every question is then one statvfs(2).
            _drive ??= new DriveInfo(_root);
            return _drive.AvailableFreeSpace < _minFreeBytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return true;
        }
    }
}
