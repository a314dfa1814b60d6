using CamAgent.Core.Platform;

namespace CamAgent.Host.Storage;

/// <summary>
/// <see cref="IFileStore"/> over a host folder (simulator, tests). Flush is
/// <c>FileStream.Flush(true)</c> (fsync). .NET cannot fsync a directory, so a new or renamed
/// name is durable only as far as the host file system journals it: Core's recovery does not
/// rely on more (docs/agent-storage.md). Exceptions become statuses here and nowhere else.
/// </summary>
public sealed class HostFileStore : IFileStore
{
    // errno ENOSPC on Linux/macOS; ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL on Windows.
    private const int UnixNoSpace = 28;
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    private readonly string _root;

    /// <param name="rootDirectory">Existing folder that plays the volume's root.</param>
    public HostFileStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        _root = Path.GetFullPath(rootDirectory);
    }

    public StoreStatus CreateFile(string path)
    {
        return Guard(() =>
        {
            string full = Resolve(path);
            if (File.Exists(full) || Directory.Exists(full))
            {
                return StoreStatus.AlreadyExists;
            }

            using (new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
            {
            }

            return StoreStatus.Ok;
        });
    }

    public StoreStatus Append(string path, byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, buffer.Length - count);
        return Guard(() =>
        {
            string full = Resolve(path);
            if (!File.Exists(full))
            {
                return StoreStatus.NotFound;
            }

            using var stream = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(buffer, offset, count);
            return StoreStatus.Ok;
        });
    }

    public StoreStatus Flush(string path)
    {
        return Guard(() =>
        {
            string full = Resolve(path);
            if (!File.Exists(full))
            {
                return StoreStatus.NotFound;
            }

            using var stream = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            stream.Flush(flushToDisk: true);
            return StoreStatus.Ok;
        });
    }

    public StoreStatus Read(string path, long position, byte[] buffer, int offset, int count, out int bytesRead)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, buffer.Length - count);
        int total = 0;
        StoreStatus status = Guard(() =>
        {
            using var stream = new FileStream(Resolve(path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Position = position;
            while (total < count)
            {
                int read = stream.Read(buffer, offset + total, count - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return StoreStatus.Ok;
        });
        bytesRead = status == StoreStatus.Ok ? total : 0;
        return status;
    }

    public StoreStatus OpenRead(string path, out Stream stream)
    {
        Stream? opened = null;
        StoreStatus status = Guard(() =>
        {
            opened = new FileStream(Resolve(path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return StoreStatus.Ok;
        });
        stream = opened!;
        return status;
    }

    public StoreStatus GetLength(string path, out long lengthBytes)
    {
        long length = 0;
        StoreStatus status = Guard(() =>
        {
            var info = new FileInfo(Resolve(path));
            if (!info.Exists)
            {
                return StoreStatus.NotFound;
            }

            length = info.Length;
            return StoreStatus.Ok;
        });
        lengthBytes = length;
        return status;
    }

    public StoreStatus Rename(string fromPath, string toPath)
    {
        return Guard(() =>
        {
            string from = Resolve(fromPath);
            string to = Resolve(toPath);
            if (Path.GetDirectoryName(from) != Path.GetDirectoryName(to))
            {
                throw new ArgumentException("rename across directories", nameof(toPath));
            }

            if (!File.Exists(from))
            {
                return StoreStatus.NotFound;
            }

            if (File.Exists(to) || Directory.Exists(to))
            {
                return StoreStatus.AlreadyExists;
            }

            File.Move(from, to, overwrite: false);
            return StoreStatus.Ok;
        });
    }

    public StoreStatus Delete(string path)
    {
        return Guard(() =>
        {
            string full = Resolve(path);
            if (!File.Exists(full))
            {
                return StoreStatus.NotFound;
            }

            File.Delete(full);
            return StoreStatus.Ok;
        });
    }

    public StoreStatus List(string directoryPath, out string[] fileNames)
    {
        string[] names = Array.Empty<string>();
        StoreStatus status = Guard(() =>
        {
            string full = Resolve(directoryPath);
            if (!Directory.Exists(full))
            {
                return StoreStatus.NotFound;
            }

            names = Directory.GetFiles(full).Select(p => Path.GetFileName(p)).ToArray();
            return StoreStatus.Ok;
        });
        fileNames = names;
        return status;
    }

    public StoreStatus CreateDirectory(string directoryPath)
    {
        return Guard(() =>
        {
            string full = Resolve(directoryPath);
            if (!Directory.Exists(Path.GetDirectoryName(full)))
            {
                return StoreStatus.NotFound;
            }

            Directory.CreateDirectory(full);
            return StoreStatus.Ok;
        });
    }

    public StoreStatus GetFreeSpace(out long freeBytes)
    {
        long free = 0;
        StoreStatus status = Guard(() =>
        {
            free = new DriveInfo(_root).AvailableFreeSpace;
            return StoreStatus.Ok;
        });
        freeBytes = free;
        return status;
    }

    /// <summary>Maps a store path to a host path; refuses anything that could leave the root.</summary>
    private string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return _root;
        }

        foreach (string part in path.Split('/'))
        {
            if (part.Length == 0 || part == "." || part == ".." || part.IndexOfAny(['\\', ':']) >= 0)
            {
                throw new ArgumentException($"not a store path: '{path}'", nameof(path));
            }
        }

        return Path.Combine(_root, path.Replace('/', Path.DirectorySeparatorChar));
    }

    private StoreStatus Guard(Func<StoreStatus> operation)
    {
        if (!Directory.Exists(_root))
        {
            return StoreStatus.DeviceRemoved;
        }

        try
        {
            return operation();
        }
        catch (FileNotFoundException)
        {
            return StoreStatus.NotFound;
        }
        catch (DirectoryNotFoundException)
        {
            return StoreStatus.NotFound;
        }
        catch (IOException e) when (e.HResult is UnixNoSpace or WindowsHandleDiskFull or WindowsDiskFull)
        {
            return StoreStatus.StorageFull;
        }
        catch (IOException)
        {
            return StoreStatus.IoError;
        }
        catch (UnauthorizedAccessException)
        {
            return StoreStatus.IoError;
        }
    }
}
