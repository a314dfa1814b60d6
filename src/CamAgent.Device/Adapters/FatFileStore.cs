using System.IO;
using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// <see cref="IFileStore"/> over nanoFramework's System.IO.FileSystem on one FAT volume
    /// (the SD card, D:). Core's '/'-separated relative paths become "D:\REC\00000001.SEG".
    /// nanoFramework's FileStream hands every Write to the native FAT driver, which syncs it
    /// before returning (its Flush is documented as having nothing left to do), so
    /// <see cref="Flush"/> here only checks that the file exists: a completed Append is already
    /// as durable as FatFs makes it. Exceptions become statuses here and nowhere else.
    /// </summary>
    public sealed partial class FatFileStore : IFileStore
    {
        private readonly string _root;
        private readonly IVolume _volume;

        /// <param name="root">Drive root, e.g. "D:\\".</param>
        /// <param name="volume">Reports whether the volume is mounted (SD card present) and its size.</param>
        public FatFileStore(string root, IVolume volume)
        {
            if (root == null || root.Length == 0)
            {
                throw new ArgumentNullException("root");
            }

            if (volume == null)
            {
                throw new ArgumentNullException("volume");
            }

            _root = root;
            _volume = volume;
        }

        public StoreStatus CreateFile(string path)
        {
            string full = Resolve(path);
            try
            {
                if (!_volume.IsMounted)
                {
                    return StoreStatus.DeviceRemoved;
                }

                if (File.Exists(full) || Directory.Exists(full))
                {
                    return StoreStatus.AlreadyExists;
                }

                using (FileStream created = new FileStream(full, FileMode.CreateNew, FileAccess.Write))
                {
                }

                return StoreStatus.Ok;
            }
            catch (IOException e)
            {
                return Translate(e);
            }
        }

        public StoreStatus Append(string path, byte[] buffer, int offset, int count)
        {
            Bytes.CheckRange(buffer, offset, count);
            string full = Resolve(path);
            try
            {
                if (!File.Exists(full))
                {
                    return MissingStatus();
                }

                using (FileStream stream = new FileStream(full, FileMode.Append, FileAccess.Write))
                {
                    stream.Write(buffer, offset, count);
                }

                return StoreStatus.Ok;
            }
            catch (IOException e)
            {
                return Translate(e);
            }
        }

        public StoreStatus Flush(string path)
        {
            string full = Resolve(path);
            try
            {
                return File.Exists(full) ? StoreStatus.Ok : MissingStatus();
            }
            catch (IOException e)
            {
                return Translate(e);
            }
        }

        public StoreStatus Read(string path, long position, byte[] buffer, int offset, int count, out int bytesRead)
        {
            Bytes.CheckRange(buffer, offset, count);
            if (position < 0)
            {
                throw new ArgumentOutOfRangeException("position");
            }

            bytesRead = 0;
            string full = Resolve(path);
            try
            {
                if (!File.Exists(full))
                {
                    return MissingStatus();
                }

                using (FileStream stream = new FileStream(full, FileMode.Open, FileAccess.Read))
                {
                    stream.Seek(position, SeekOrigin.Begin);
                    bytesRead = ReadFully(stream, buffer, offset, count);
                }

                return StoreStatus.Ok;
            }
            catch (IOException e)
            {
                bytesRead = 0;
                return Translate(e);
            }
        }

        public StoreStatus OpenRead(string path, out Stream stream)
        {
            stream = null;
            string full = Resolve(path);
            try
            {
                if (!File.Exists(full))
                {
                    return MissingStatus();
                }

                stream = new FileStream(full, FileMode.Open, FileAccess.Read);
                return StoreStatus.Ok;
            }
            catch (IOException e)
            {
                stream = null;
                return Translate(e);
            }
        }

        public StoreStatus GetLength(string path, out long lengthBytes)
        {
            lengthBytes = 0;
            string full = Resolve(path);
            try
            {
                if (!File.Exists(full))
                {
                    return MissingStatus();
                }

                using (FileStream stream = new FileStream(full, FileMode.Open, FileAccess.Read))
                {
                    lengthBytes = stream.Length;
                }

                return StoreStatus.Ok;
            }
            catch (IOException e)
            {
                lengthBytes = 0;
                return Translate(e);
            }
        }

        private static int ReadFully(Stream stream, byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int read = stream.Read(buffer, offset + total, count - total);
                if (read <= 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }
    }
}
