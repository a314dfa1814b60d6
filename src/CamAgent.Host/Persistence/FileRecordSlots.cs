using CamAgent.Core.Platform;

namespace CamAgent.Host.Persistence;

/// <summary>
/// <see cref="IRecordSlots"/> over two files per record in one directory ("NAME.0", "NAME.1"),
/// each write flushed to disk before it returns Ok. The device adapter does the same on internal
/// flash with nanoFramework's FileStream.
/// </summary>
public sealed class FileRecordSlots : IRecordSlots
{
    private readonly string _directory;

    public FileRecordSlots(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        _directory = directory;
    }

    public SlotStatus Read(string name, int slot, byte[] buffer, int offset, int count, out int length)
    {
        length = 0;
        string path = PathOf(name, slot);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (file.Length > count)
            {
                return SlotStatus.TooLarge;
            }

            int total = 0;
            int read;
            while (total < file.Length && (read = file.Read(buffer, offset + total, (int)file.Length - total)) > 0)
            {
                total += read;
            }

            length = total;
            return SlotStatus.Ok;
        }
        catch (FileNotFoundException)
        {
            return SlotStatus.Missing;
        }
        catch (IOException)
        {
            return SlotStatus.IoError;
        }
        catch (UnauthorizedAccessException)
        {
            return SlotStatus.IoError;
        }
    }

    public SlotStatus Write(string name, int slot, byte[] buffer, int offset, int count)
    {
        try
        {
            using var file = new FileStream(PathOf(name, slot), FileMode.Create, FileAccess.Write, FileShare.None);
            file.Write(buffer, offset, count);
            file.Flush(flushToDisk: true);
            return SlotStatus.Ok;
        }
        catch (IOException e) when (e.HResult == DiskFullHResult || e.HResult == LinuxNoSpaceHResult)
        {
            return SlotStatus.StorageFull;
        }
        catch (IOException)
        {
            return SlotStatus.IoError;
        }
        catch (UnauthorizedAccessException)
        {
            return SlotStatus.IoError;
        }
    }

    // ERROR_DISK_FULL on Windows; ENOSPC (28) as .NET reports it on Linux.
    private const int DiskFullHResult = unchecked((int)0x80070070);
    private const int LinuxNoSpaceHResult = 28;

    private string PathOf(string name, int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slot, 1);
        if (name.Length == 0 || name.Contains('/') || name.Contains('\\') || name.Contains(".."))
        {
            throw new ArgumentException("record names are plain file names", nameof(name));
        }

        return Path.Combine(_directory, name + "." + slot.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
