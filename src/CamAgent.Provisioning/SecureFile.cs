using System.Text;

namespace CamAgent.Provisioning;

/// <summary>
/// Writes files atomically (temporary file in the same folder, flushed to disk, then renamed over
/// the target), so a crash leaves either the old content or the new, never half of either.
/// Secret files are created with mode 0600 from the first byte, never widened afterwards.
/// </summary>
public static class SecureFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, replacing it if <paramref name="overwrite"/>.</summary>
    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false, or the disk failed.</exception>
    public static void Write(string path, byte[] content, bool secret, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(content);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (secret && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerReadWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (!overwrite && File.Exists(path))
            {
                throw new IOException($"{path} already exists.");
            }

            File.Move(temp, path, overwrite);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static void WriteText(string path, string text, bool secret, bool overwrite) =>
        Write(path, Encoding.UTF8.GetBytes(text), secret, overwrite);

    /// <summary>True if the file can be read by anyone but its owner (always false on Windows, where ACLs apply).</summary>
    public static bool IsReadableByOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        UnixFileMode mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;
    }

    /// <summary>Reads a small text file, refusing anything larger than <paramref name="maxBytes"/>.</summary>
    public static bool TryReadSmallText(string path, int maxBytes, out string text, out string problem)
    {
        text = string.Empty;
        if (!File.Exists(path))
        {
            problem = $"{path} does not exist.";
            return false;
        }

        long length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            problem = $"{path} is {length} bytes, larger than the {maxBytes} bytes a PEM file of this kind can be.";
            return false;
        }

        text = File.ReadAllText(path);
        problem = string.Empty;
        return true;
    }
}
