using System;
using CamAgent.Core.Platform;

namespace CamAgent.Device.TestPorts.Storage
{
    /// <summary>The write operations of <see cref="RamFileStore"/>, and what a power cut leaves of them.</summary>
    public sealed partial class RamFileStore
    {
        public StoreStatus CreateFile(string path)
        {
            string key = BeginWrite(path);
            if (Find(key) != null)
            {
                return EndWrite(StoreStatus.AlreadyExists);
            }

            if (!_directories.Contains(Parent(key)))
            {
                return EndWrite(StoreStatus.NotFound);
            }

            _files.Add(new RamFile(key));
            return EndWrite(StoreStatus.Ok);
        }

        public StoreStatus Append(string path, byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            RamFile file = Find(BeginWrite(path));
            if (file == null)
            {
                return EndWrite(StoreStatus.NotFound);
            }

            long room = CapacityBytes - _usedBytes;
            int stored = room < count ? (room < 0 ? 0 : (int)room) : count;
            file.Append(buffer, offset, stored);
            _usedBytes += stored;
            return EndWrite(stored < count ? StoreStatus.StorageFull : StoreStatus.Ok);
        }

        public StoreStatus Flush(string path)
        {
            RamFile file = Find(BeginWrite(path));
            if (file == null)
            {
                return EndWrite(StoreStatus.NotFound);
            }

            if (!Cutting || _random.Next(2) == 0)
            {
                file.Durable = file.ToArray();
            }

            return EndWrite(StoreStatus.Ok);
        }

        public StoreStatus Rename(string fromPath, string toPath)
        {
            string from = Key(fromPath);
            string to = Key(toPath);
            if (Parent(from) != Parent(to))
            {
                throw new ArgumentException("a rename stays within one directory", "toPath");
            }

            BeginWrite(fromPath);
            RamFile file = Find(from);
            if (file == null)
            {
                return EndWrite(StoreStatus.NotFound);
            }

            if (Find(to) != null)
            {
                return EndWrite(StoreStatus.AlreadyExists);
            }

            if (!Cutting || _random.Next(2) == 0)
            {
                file.Key = to;
            }

            return EndWrite(StoreStatus.Ok);
        }

        public StoreStatus Delete(string path)
        {
            RamFile file = Find(BeginWrite(path));
            if (file == null)
            {
                return EndWrite(StoreStatus.NotFound);
            }

            if (!Cutting || _random.Next(2) == 0)
            {
                _usedBytes -= file.Length;
                _files.Remove(file);
                _deleted.Add(file.Key);
            }

            return EndWrite(StoreStatus.Ok);
        }

        public StoreStatus CreateDirectory(string directoryPath)
        {
            string key = BeginWrite(directoryPath);
            if (!_directories.Contains(Parent(key)))
            {
                return EndWrite(StoreStatus.NotFound);
            }

            if (!_directories.Contains(key) && (!Cutting || _random.Next(2) == 0))
            {
                _directories.Add(key);
            }

            return EndWrite(StoreStatus.Ok);
        }

        private bool Cutting
        {
            get { return CutAtWriteOperation != 0 && WriteOperations == CutAtWriteOperation; }
        }

        /// <summary>Counts the operation, arms a cut on its path if asked to, and returns the path's key.</summary>
        private string BeginWrite(string path)
        {
            EnsurePowered();
            WriteOperations++;
            string key = Key(path);
            if (CutAtWriteTo != null && key.EndsWith(CutAtWriteTo.ToUpper()))
            {
                CutAtWriteOperation = WriteOperations;
                CutAtWriteTo = null;
            }

            return key;
        }

        private StoreStatus EndWrite(StoreStatus status)
        {
            if (Cutting)
            {
                _powered = false;
                Crash();
                throw new PowerCutException(WriteOperations);
            }

            return status;
        }

        /// <summary>Turns what was in RAM into what survives the cut (docs/agent-storage.md §3).</summary>
        private void Crash()
        {
            for (int i = _files.Count - 1; i >= 0; i--)
            {
                RamFile file = (RamFile)_files[i];
                if (file.Durable == null && _random.Next(2) == 0)
                {
                    _files.RemoveAt(i);
                    continue;
                }

                int durable = file.Durable == null ? 0 : file.Durable.Length;
                int unflushed = file.Length - durable;
                int kept = unflushed <= 0 ? 0 : _random.Next(unflushed + 1);
                file.Truncate(durable + kept);
                if (kept > 0 && _random.Next(2) == 0)
                {
                    int start = file.Length - TornGarbageBytes < durable ? durable : file.Length - TornGarbageBytes;
                    for (int b = start; b < file.Length; b++)
                    {
                        file[b] = (byte)_random.Next(256);
                    }
                }

                file.Durable = file.ToArray();
            }

            _usedBytes = 0;
            for (int i = 0; i < _files.Count; i++)
            {
                _usedBytes += ((RamFile)_files[i]).Length;
            }
        }
    }
}
