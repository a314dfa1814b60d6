using System.IO;

namespace CamAgent.Core.Platform
{
    /// <summary>
    /// A directory tree on a FAT volume (device: the SD card D: or internal flash I: through
    /// nanoFramework's System.IO.FileSystem; host: a folder). Paths are relative to the store's
    /// root, use '/' between parts, and hold only names of the form NAME.EXT with at most 8 and
    /// 3 characters (FAT 8.3), so the store works without long-file-name support.
    ///
    /// FAT is not power-loss safe. The ONLY guarantees Core assumes after a power cut
    /// (docs/agent-storage.md, "What Core assumes of the file system"):
    ///  1. Bytes appended to a file before a <see cref="Flush"/> that returned Ok are intact,
    ///     and the file's directory entry survives with at least that length.
    ///  2. Bytes appended after the last Flush may be absent, partial, or garbage, in the
    ///     unflushed tail only. A file created but never flushed may be gone or present with
    ///     any prefix of its unflushed bytes (often zero length).
    ///  3. A <see cref="Rename"/> or <see cref="Delete"/> that returned Ok is durable. One that
    ///     was cut leaves the file under its old name or its new name (rename), present or gone
    ///     (delete), with its flushed content intact.
    ///  4. Nothing else: no atomic replace (Rename never overwrites), no ordering between
    ///     operations on different files before they complete.
    /// Every method translates platform exceptions into statuses; only argument errors throw.
    /// </summary>
    public interface IFileStore
    {
        /// <summary>Creates an empty file. Statuses: Ok, AlreadyExists, NotFound (no such directory), StorageFull, IoError, DeviceRemoved.</summary>
        StoreStatus CreateFile(string path);

        /// <summary>
        /// Appends <paramref name="count"/> bytes of <paramref name="buffer"/> from
        /// <paramref name="offset"/> to the end of an existing file. Not durable until
        /// <see cref="Flush"/>. On StorageFull a prefix of the bytes may have been stored.
        /// Statuses: Ok, NotFound, StorageFull, IoError, DeviceRemoved.
        /// </summary>
        StoreStatus Append(string path, byte[] buffer, int offset, int count);

        /// <summary>Makes the file's content, length and directory entry durable. Statuses: Ok, NotFound, IoError, DeviceRemoved.</summary>
        StoreStatus Flush(string path);

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes starting at byte <paramref name="position"/>
        /// into <paramref name="buffer"/> at <paramref name="offset"/>. <paramref name="bytesRead"/>
        /// is smaller than <paramref name="count"/> only at the end of the file.
        /// Statuses: Ok, NotFound, IoError, DeviceRemoved.
        /// </summary>
        StoreStatus Read(string path, long position, byte[] buffer, int offset, int count, out int bytesRead);

        /// <summary>
        /// Opens a file for sequential and seekable reading (segment content for sealing and
        /// upload). On Ok the caller owns <paramref name="stream"/> and disposes it; its Read may
        /// throw IOException if the medium fails later. Statuses: Ok, NotFound, IoError, DeviceRemoved.
        /// </summary>
        StoreStatus OpenRead(string path, out Stream stream);

        /// <summary>Length of a file in bytes. Statuses: Ok, NotFound, IoError, DeviceRemoved.</summary>
        StoreStatus GetLength(string path, out long lengthBytes);

        /// <summary>
        /// Renames a file within one directory. Fails with AlreadyExists if <paramref name="toPath"/>
        /// exists: a rename never replaces a file (nanoFramework's File.Move cannot).
        /// Statuses: Ok, NotFound, AlreadyExists, IoError, DeviceRemoved.
        /// </summary>
        StoreStatus Rename(string fromPath, string toPath);

        /// <summary>Deletes a file. Statuses: Ok, NotFound, IoError, DeviceRemoved.</summary>
        StoreStatus Delete(string path);

        /// <summary>
        /// Names (not paths) of the files directly in <paramref name="directoryPath"/> ("" is the
        /// root), in no particular order; sub-directories are not listed. The array belongs to the
        /// caller. Statuses: Ok, NotFound, IoError, DeviceRemoved.
        /// </summary>
        StoreStatus List(string directoryPath, out string[] fileNames);

        /// <summary>Creates a directory if it does not exist yet (Ok if it does). Statuses: Ok, NotFound (no parent), StorageFull, IoError, DeviceRemoved.</summary>
        StoreStatus CreateDirectory(string directoryPath);

        /// <summary>
        /// Bytes still free on the volume. The device adapter may estimate it (nanoFramework's
        /// DriveInfo reports only the total size); estimates must err low.
        /// Statuses: Ok, IoError, DeviceRemoved.
        /// </summary>
        StoreStatus GetFreeSpace(out long freeBytes);
    }
}
