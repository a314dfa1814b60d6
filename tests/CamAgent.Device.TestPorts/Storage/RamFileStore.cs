using System;
using System.Collections;
using System.IO;
using System.Text;
using CamAgent.Core.Platform;
using CamAgent.Device.TestPorts.Platform;

namespace CamAgent.Device.TestPorts.Storage
{
    /// <summary>
    /// An SD card in RAM that keeps exactly the guarantees <see cref="IFileStore"/> numbers, and no
    /// more (the same behaviour as the host tests' SimulatedFatStore, written for nanoFramework):
    /// appended bytes are volatile until Flush, and a power cut keeps the flushed prefix plus any
    /// prefix of the unflushed tail, whose last bytes may be garbage (a torn sector); a file created
    /// and never flushed may vanish or keep part of its bytes; a rename, delete or directory creation
    /// that returned is durable, one that is cut is done or not. Append past <see cref="CapacityBytes"/>
    /// stores what fits and reports StorageFull. Every mutating call is one write operation, numbered
    /// from 1; the power goes during <see cref="CutAtWriteOperation"/> (or during the first write to a
    /// path ending with <see cref="CutAtWriteTo"/>), after which every call throws
    /// <see cref="PowerCutException"/> until <see cref="PowerOn"/>. The outcomes of a cut are drawn
    /// from a seeded <see cref="DeterministicRandom"/>, so a run is the same on .NET and on nanoCLR.
    /// Directory listings come back in a shuffled order, as FAT's slot order is no order either.
    /// </summary>
    public sealed partial class RamFileStore : IFileStore
    {
        /// <summary>At most this many bytes at the end of a torn write are garbage (one small sector fragment).</summary>
        private const int TornGarbageBytes = 16;

        private readonly ArrayList _files = new ArrayList();
        private readonly ArrayList _directories = new ArrayList();
        private readonly ArrayList _deleted = new ArrayList();
        private readonly DeterministicRandom _random;
        private bool _powered = true;
        private long _usedBytes;

        public RamFileStore(int seed)
        {
            _random = new DeterministicRandom(seed);
            _directories.Add(string.Empty);
            CapacityBytes = long.MaxValue;
        }

        /// <summary>Bytes the volume holds (sum of file lengths); long.MaxValue: unlimited.</summary>
        public long CapacityBytes { get; set; }

        /// <summary>Write operations since construction, failed ones included.</summary>
        public int WriteOperations { get; private set; }

        /// <summary>Read operations (read, open, length, list, free space) since construction.</summary>
        public int ReadOperations { get; private set; }

        /// <summary>1-based write operation during which the power is cut; 0: never.</summary>
        public int CutAtWriteOperation { get; set; }

        /// <summary>The power is cut during the next write operation on a path ending with this (e.g. ".MAT"); null: none.</summary>
        public string CutAtWriteTo { get; set; }

        public bool IsPowered
        {
            get { return _powered; }
        }

        /// <summary>Paths (upper case) of the files deleted by <see cref="Delete"/>, in order; a cut that left a file in place does not count.</summary>
        public ArrayList DeletedPaths
        {
            get { return _deleted; }
        }

        /// <summary>Power comes back: the volume shows what the cut left durable.</summary>
        public void PowerOn()
        {
            _powered = true;
            CutAtWriteOperation = 0;
            CutAtWriteTo = null;
        }

        /// <summary>
        /// The recorder (the camera's other processor) writes a whole file, flushed, outside the
        /// agent's operations: it is not counted and cannot be cut.
        /// </summary>
        public void RecorderWrite(string path, byte[] content)
        {
            RamFile file = Find(Key(path));
            if (file == null)
            {
                file = new RamFile(Key(path));
                _files.Add(file);
            }

            _usedBytes -= file.Length;
            file.Truncate(0);
            file.Append(content, 0, content.Length);
            file.Durable = file.ToArray();
            _usedBytes += content.Length;
        }

        /// <summary>The recorder creates its segment directory (not counted, cannot be cut).</summary>
        public void RecorderCreateDirectory(string directoryPath)
        {
            string key = Key(directoryPath);
            if (!_directories.Contains(key))
            {
                _directories.Add(key);
            }
        }

        public bool Exists(string path)
        {
            return Find(Key(path)) != null;
        }

        /// <summary>How many files in <paramref name="directoryPath"/> have a name ending with <paramref name="suffix"/>.</summary>
        public int CountFiles(string directoryPath, string suffix)
        {
            string directory = Key(directoryPath);
            string ending = suffix.ToUpper();
            int count = 0;
            for (int i = 0; i < _files.Count; i++)
            {
                RamFile file = (RamFile)_files[i];
                if (Parent(file.Key) == directory && file.Key.EndsWith(ending))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>Every file with its length, one per line, for failure messages.</summary>
        public string Describe()
        {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < _files.Count; i++)
            {
                RamFile file = (RamFile)_files[i];
                text.Append("  ").Append(file.Key).Append(' ').Append(file.Length).Append(file.Durable == null ? " (never flushed)\n" : "\n");
            }

            return text.ToString();
        }

        public StoreStatus Read(string path, long position, byte[] buffer, int offset, int count, out int bytesRead)
        {
            bytesRead = 0;
            BeginRead();
            RamFile file = Find(Key(path));
            if (file == null)
            {
                return StoreStatus.NotFound;
            }

            long available = file.Length - position;
            bytesRead = available <= 0 ? 0 : (available < count ? (int)available : count);
            file.CopyTo((int)position, buffer, offset, bytesRead);
            return StoreStatus.Ok;
        }

        public StoreStatus OpenRead(string path, out Stream stream)
        {
            stream = null;
            BeginRead();
            RamFile file = Find(Key(path));
            if (file == null)
            {
                return StoreStatus.NotFound;
            }

            stream = new MemoryStream(file.ToArray(), false);
            return StoreStatus.Ok;
        }

        public StoreStatus GetLength(string path, out long lengthBytes)
        {
            lengthBytes = 0;
            BeginRead();
            RamFile file = Find(Key(path));
            if (file == null)
            {
                return StoreStatus.NotFound;
            }

            lengthBytes = file.Length;
            return StoreStatus.Ok;
        }

        public StoreStatus List(string directoryPath, out string[] fileNames)
        {
            fileNames = new string[0];
            BeginRead();
            string directory = Key(directoryPath);
            if (!_directories.Contains(directory))
            {
                return StoreStatus.NotFound;
            }

            ArrayList names = new ArrayList();
            for (int i = 0; i < _files.Count; i++)
            {
                RamFile file = (RamFile)_files[i];
                if (Parent(file.Key) == directory)
                {
                    names.Add(Name(file.Key));
                }
            }

            fileNames = (string[])names.ToArray(typeof(string));
            Shuffle(fileNames);
            return StoreStatus.Ok;
        }

        public StoreStatus GetFreeSpace(out long freeBytes)
        {
            BeginRead();
            freeBytes = CapacityBytes == long.MaxValue ? long.MaxValue : CapacityBytes - _usedBytes;
            return StoreStatus.Ok;
        }

        private void BeginRead()
        {
            EnsurePowered();
            ReadOperations++;
        }

        private void EnsurePowered()
        {
            if (!_powered)
            {
                throw new PowerCutException(WriteOperations);
            }
        }

        private void Shuffle(string[] names)
        {
            for (int i = names.Length - 1; i > 0; i--)
            {
                int j = _random.Next(i + 1);
                string swap = names[i];
                names[i] = names[j];
                names[j] = swap;
            }
        }

        private RamFile Find(string key)
        {
            for (int i = 0; i < _files.Count; i++)
            {
                RamFile file = (RamFile)_files[i];
                if (file.Key == key)
                {
                    return file;
                }
            }

            return null;
        }

        private static string Key(string path)
        {
            return path.ToUpper();
        }

        private static string Parent(string key)
        {
            int slash = key.LastIndexOf('/');
            return slash < 0 ? string.Empty : key.Substring(0, slash);
        }

        private static string Name(string key)
        {
            int slash = key.LastIndexOf('/');
            return slash < 0 ? key : key.Substring(slash + 1);
        }
    }
}
