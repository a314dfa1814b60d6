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

    /// <summary>Writes <paramref name="bytes"/> to a temporary sibling, fsyncs it, renames it over <paramref name="path"/> and fsyncs the directory.</summary>
    public static void WriteFileAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        string temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/> (same file system) and fsyncs both directories.</summary>
    public static void Move(string source, string destination)
    {
        File.Move(source, destination, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(source))!);
    }

    /// <summary>Creates <paramref name="path"/> if needed and makes its name durable in its parent.</summary>
    public static void CreateDirectory(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return;
        }

        Directory.CreateDirectory(full);
        SyncDirectory(Path.GetDirectoryName(full)!);
    }

    /// <summary>Deletes a directory tree and makes the removal durable.</summary>
    public static void DeleteDirectory(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            Directory.Delete(full, recursive: true);
            SyncDirectory(Path.GetDirectoryName(full)!);
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
