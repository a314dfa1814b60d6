using System.Runtime.InteropServices;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// File-system operations whose effect survives a crash or power cut once they return:
/// file contents are fsynced, and the directory holding a new or renamed entry is fsynced so the
/// name itself is durable (POSIX leaves a rename in the page cache until its directory is synced).
/// </summary>
public static class Durable
{
    private const int ReadOnly = 0;
    private const int DirectoryFlagLinux = 0x10000;

    /// <summary>
    /// Writes <paramref name="bytes"/> to a temporary sibling, renames it over <paramref name="path"/>;
    /// with <paramref name="sync"/> the file is fsynced before the rename and the directory after it.
    /// </summary>
    public static void WriteFileAtomically(string path, ReadOnlySpan<byte> bytes, bool sync = true)
    {
        string temp = path + ".tmp";
        WriteNewFile(temp, bytes, FileMode.Create, sync);
        File.Move(temp, path, overwrite: true);
        if (sync)
        {
            SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> as the file <paramref name="path"/> (<paramref name="mode"/>: CreateNew or Create), fsynced with <paramref name="sync"/>.</summary>
    public static void WriteNewFile(string path, ReadOnlySpan<byte> bytes, FileMode mode = FileMode.CreateNew, bool sync = true)
    {
        using var file = new FileStream(path, mode, FileAccess.Write, FileShare.None);
        file.Write(bytes);
        file.Flush(flushToDisk: sync);
    }

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/> (same file system); with <paramref name="sync"/> both directories are fsynced.</summary>
    public static void Move(string source, string destination, bool sync = true)
    {
        File.Move(source, destination, overwrite: true);
        if (sync)
        {
            SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
            SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(source))!);
        }
    }

    /// <summary>Creates <paramref name="path"/> if needed; with <paramref name="sync"/> its name is made durable in its parent.</summary>
    public static void CreateDirectory(string path, bool sync = true)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return;
        }

        Directory.CreateDirectory(full);
        if (sync)
        {
            SyncDirectory(Path.GetDirectoryName(full)!);
        }
    }

    /// <summary>Deletes a directory tree; with <paramref name="sync"/> the removal is made durable.</summary>
    public static void DeleteDirectory(string path, bool sync = true)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            Directory.Delete(full, recursive: true);
            if (sync)
            {
                SyncDirectory(Path.GetDirectoryName(full)!);
            }
        }
    }

    /// <summary>fsync(2) on a directory. Windows commits directory entries with the file, so there it does nothing.</summary>
    public static void SyncDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int flags = OperatingSystem.IsLinux() ? ReadOnly | DirectoryFlagLinux : ReadOnly;
        int fd = NativeMethods.open(path, flags);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{path}' to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (NativeMethods.fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory '{path}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = NativeMethods.close(fd);
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        internal static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        internal static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        internal static extern int close(int fd);
    }
}
