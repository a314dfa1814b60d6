using System;
using System.IO;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>Rename, delete, listing, free space and the exception boundary of <see cref="FatFileStore"/>.</summary>
    public sealed partial class FatFileStore
    {
        private const char CorePathSeparator = '/';
        private const char DrivePathSeparator = '\\';

        public StoreStatus Rename(string fromPath, string toPath)
        {
            string from = Resolve(fromPath);
            string to = Resolve(toPath);
            if (Parent(from) != Parent(to))
            {
                throw new ArgumentException("rename across directories", "toPath");
            }

            try
            {
                if (!File.Exists(from))
                {
                    return MissingStatus();
                }

                // File.Move refuses an existing target; checking first gives the port's status.
                if (File.Exists(to))
                {
                    return StoreStatus.AlreadyExists;
                }

                File.Move(from, to);
                return StoreStatus.Ok;
            }
            catch (IOException e)
            {
                return Translate(e);
            }
        }

        public StoreStatus Delete(string path)
        {
            string full = Resolve(path);
            try
            {
                if (!File.Exists(full))
                {
                    return MissingStatus();
                }

                File.Delete(full);
                return StoreStatus.Ok;
            }
            catch (IOException e)
            {
                return Translate(e);
            }
        }

        public StoreStatus List(string directoryPath, out string[] fileNames)
        {
            fileNames = null;
            string full = directoryPath.Length == 0 ? _root : Resolve(directoryPath);
            try
            {
                if (!Directory.Exists(full))
                {
                    return MissingStatus();
                }

                string[] paths = Directory.GetFiles(full);
                string[] names = new string[paths.Length];
                for (int i = 0; i < paths.Length; i++)
                {
                    names[i] = Path.GetFileName(paths[i]);
                }

                fileNames = names;
                return StoreStatus.Ok;
            }
            catch (IOException e)
            {
                fileNames = null;
                return Translate(e);
            }
        }

        public StoreStatus CreateDirectory(string directoryPath)
        {
            string full = Resolve(directoryPath);
            try
            {
                if (!_volume.IsMounted)
                {
                    return StoreStatus.DeviceRemoved;
                }

                if (!Directory.Exists(full))
                {
                    Directory.CreateDirectory(full);
                }

                return StoreStatus.Ok;
            }
            catch (IOException e)
            {
                return Translate(e);
            }
        }

        public StoreStatus GetFreeSpace(out long freeBytes)
        {
            freeBytes = 0;
            if (!_volume.IsMounted)
            {
                return StoreStatus.DeviceRemoved;
            }

            // nanoFramework's DriveInfo reports only the total size; the volume estimates the
            // free space from what the agent has written and erred low (IVolume's contract).
            freeBytes = _volume.EstimateFreeBytes();
            return StoreStatus.Ok;
        }

        private string Resolve(string path)
        {
            if (path == null)
            {
                throw new ArgumentNullException("path");
            }

            if (path.Length == 0 || path[0] == CorePathSeparator || path.IndexOf(':') >= 0 || path.IndexOf(DrivePathSeparator) >= 0)
            {
                throw new ArgumentException("path must be relative and '/'-separated", "path");
            }

            // String.Replace is not in nanoFramework's core library.
            char[] converted = path.ToCharArray();
            for (int i = 0; i < converted.Length; i++)
            {
                if (converted[i] == CorePathSeparator)
                {
                    converted[i] = DrivePathSeparator;
                }
            }

            return _root + new string(converted);
        }

        private static string Parent(string fullPath)
        {
            int last = fullPath.LastIndexOf(DrivePathSeparator);
            return last < 0 ? string.Empty : fullPath.Substring(0, last);
        }

        private StoreStatus MissingStatus()
        {
            return _volume.IsMounted ? StoreStatus.NotFound : StoreStatus.DeviceRemoved;
        }

        /// <summary>
        /// Only IOException is an expected failure of the medium; anything else the file system
        /// throws (a bad name, a disposed stream) is a bug and propagates. FatFs does not report
        /// a full volume distinctly, so StorageFull comes from the free-space estimate instead.
        /// </summary>
        private StoreStatus Translate(IOException e)
        {
            if (!_volume.IsMounted)
            {
                return StoreStatus.DeviceRemoved;
            }

            switch ((IOException.IOExceptionErrorCode)e.ErrorCode)
            {
                case IOException.IOExceptionErrorCode.FileNotFound:
                case IOException.IOExceptionErrorCode.DirectoryNotFound:
                    return StoreStatus.NotFound;
                case IOException.IOExceptionErrorCode.PathAlreadyExists:
                    return StoreStatus.AlreadyExists;
                case IOException.IOExceptionErrorCode.VolumeNotFound:
                case IOException.IOExceptionErrorCode.InvalidDriver:
                    return StoreStatus.DeviceRemoved;
                default:
                    return StoreStatus.IoError;
            }
        }
    }
}
