using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CamAgent.Ingest.Audit;

/// <summary>
/// Keeps disk space allocated beyond the end of the audit log, so that refusals can still be
/// recorded when the store's file system is full (docs/ingest-server.md §7). On Linux the space
/// is reserved with fallocate(2) FALLOC_FL_KEEP_SIZE: blocks past the end of the file, invisible
/// to readers, that later appends fill without asking the file system for more. Elsewhere
/// nothing is reserved (<see cref="IsSupported"/> is false).
/// </summary>
internal sealed class AuditReserve
{
    private const int FallocKeepSize = 1;

    private readonly SafeFileHandle _file;
    private readonly long _reserveBytes;
    private long _reservedEnd;

    public AuditReserve(SafeFileHandle file, long reserveBytes)
    {
        _file = file;
        _reserveBytes = reserveBytes;
    }

    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>Bytes still reserved past <paramref name="endOfLog"/>.</summary>
    public long BytesLeft(long endOfLog) => Math.Max(0, _reservedEnd - endOfLog);

    /// <summary>
    /// Tops the reservation up to the full size once less than half of it is left. Returns false
    /// when the file system had no room (the log then writes into what is left of the reservation).
    /// </summary>
    public bool Refill(long endOfLog)
    {
        if (!IsSupported || _reserveBytes == 0 || BytesLeft(endOfLog) >= _reserveBytes / 2)
        {
            return true;
        }

        bool added = false;
        _file.DangerousAddRef(ref added);
        try
        {
            if (NativeMethods.fallocate((int)_file.DangerousGetHandle(), FallocKeepSize, endOfLog, _reserveBytes) != 0)
            {
                return false;
            }
        }
        finally
        {
            if (added)
            {
                _file.DangerousRelease();
            }
        }

        _reservedEnd = endOfLog + _reserveBytes;
        return true;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        internal static extern int fallocate(int fd, int mode, long offset, long length);
    }
}
