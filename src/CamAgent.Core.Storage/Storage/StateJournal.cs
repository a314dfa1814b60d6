using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Storage
{
    /// <summary>
    /// The newest value of one small state record, kept power-loss safe in a directory of
    /// generation files (docs/agent-storage.md, "State journal"). Every save writes generation
    /// g + 1 as "GGGGGGGG.JNT", flushes it and renames it to "GGGGGGGG.JNL"; the rename is the
    /// commit point. Loading picks the valid ".JNL" with the highest generation; torn or
    /// foreign files are ignored, temporary files are never trusted. The newest
    /// <see cref="KeptGenerations"/> committed files are kept so that a committed file later
    /// found unreadable still leaves a fallback.
    /// Call <see cref="Load"/> once before the first <see cref="Save"/>.
    /// </summary>
    public sealed class StateJournal
    {
        /// <summary>Committed generations kept on the medium: the newest plus one fallback.</summary>
        public const int KeptGenerations = 2;

        /// <summary>Extension of committed generation files.</summary>
        public const string CommittedExtension = "JNL";

        /// <summary>Extension of generation files being written.</summary>
        public const string TemporaryExtension = "JNT";

        private static readonly byte[] Magic = new byte[] { (byte)'C', (byte)'A', (byte)'J', (byte)'1' };

        private readonly IFileStore _store;
        private readonly string _directory;
        private readonly FramedFile _frame;
        private long _highestSeen = -1;
        private long _current = -1;
        private bool _loaded;
        private bool _directoryReady;

        /// <param name="store">Where the journal lives.</param>
        /// <param name="directory">Directory used by this journal only (created on first save).</param>
        /// <param name="maxPayloadBytes">Largest state this journal holds.</param>
        public StateJournal(IFileStore store, string directory, int maxPayloadBytes)
        {
            if (directory == null || directory.Length == 0)
            {
                throw new ArgumentException("directory");
            }

            _store = store;
            _directory = directory;
            _frame = new FramedFile(store, Magic, maxPayloadBytes);
        }

        /// <summary>Bytes held in buffers.</summary>
        public int BufferBytes
        {
            get { return _frame.BufferBytes; }
        }

        /// <summary>Generation of the state last loaded or saved; -1 when there is none.</summary>
        public long Generation
        {
            get { return _current; }
        }

        /// <summary>Status of the last clean-up of superseded files (informational: leftovers are retried on every save).</summary>
        public StoreStatus LastPruneStatus { get; private set; }

        /// <summary>
        /// Copies the newest valid state into <paramref name="payload"/> at <paramref name="offset"/>
        /// (room for the maximum payload required). <paramref name="found"/> is false when no
        /// valid generation exists (first boot, or every copy torn). A generation that cannot be
        /// read counts as invalid. Statuses: Ok, IoError (directory unreadable), DeviceRemoved.
        /// </summary>
        public StoreStatus Load(byte[] payload, int offset, out int length, out bool found)
        {
            Bytes.CheckRange(payload, offset, _frame.MaxPayloadBytes);
            length = 0;
            found = false;
            string[] names;
            StoreStatus status = _store.List(_directory, out names);
            if (status == StoreStatus.NotFound)
            {
                _loaded = true;
                return StoreStatus.Ok;
            }

            if (status != StoreStatus.Ok)
            {
                return status;
            }

            _directoryReady = true;
            _highestSeen = HighestGeneration(names);
            long below = StoreNames.MaxHexNumber + 1;
            while (true)
            {
                long generation = NextCandidate(names, below);
                if (generation < 0)
                {
                    break;
                }

                int payloadLength;
                bool valid;
                status = _frame.Load(Path(generation, CommittedExtension), generation, out payloadLength, out valid);
                if (status == StoreStatus.DeviceRemoved)
                {
                    return status;
                }

                if (status == StoreStatus.Ok && valid)
                {
                    Array.Copy(_frame.Buffer, FramedFile.PayloadOffset, payload, offset, payloadLength);
                    length = payloadLength;
                    found = true;
                    _current = generation;
                    break;
                }

                below = generation;
            }

            _loaded = true;
            return StoreStatus.Ok;
        }

        /// <summary>
        /// Commits <paramref name="count"/> bytes of <paramref name="payload"/> as the next
        /// generation, then deletes superseded files. On any status but Ok the previously
        /// committed state is still the one <see cref="Load"/> returns.
        /// Statuses: Ok, StorageFull, IoError, DeviceRemoved, AlreadyExists (generations exhausted).
        /// </summary>
        public StoreStatus Save(byte[] payload, int offset, int count)
        {
            if (!_loaded)
            {
                throw new InvalidOperationException("Load before Save");
            }

            Bytes.CheckRange(payload, offset, count);
            if (count > _frame.MaxPayloadBytes)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            long generation = _highestSeen + 1;
            if (generation > StoreNames.MaxHexNumber)
            {
                return StoreStatus.AlreadyExists;
            }

            StoreStatus status;
            if (!_directoryReady)
            {
                status = _store.CreateDirectory(_directory);
                if (status != StoreStatus.Ok)
                {
                    return status;
                }

                _directoryReady = true;
            }

            // Every attempt consumes its generation, so a retry never meets its own leftovers.
            _highestSeen = generation;
            Array.Copy(payload, offset, _frame.Buffer, FramedFile.PayloadOffset, count);
            status = _frame.Commit(Path(generation, TemporaryExtension), Path(generation, CommittedExtension), generation, count);
            if (status != StoreStatus.Ok)
            {
                return status;
            }

            _current = generation;
            LastPruneStatus = Prune();
            return StoreStatus.Ok;
        }

        private StoreStatus Prune()
        {
            string[] names;
            StoreStatus status = _store.List(_directory, out names);
            if (status != StoreStatus.Ok)
            {
                return status;
            }

            StoreStatus result = StoreStatus.Ok;
            for (int i = 0; i < names.Length; i++)
            {
                long committed = StoreNames.ParseHex(names[i], CommittedExtension);
                long temporary = StoreNames.ParseHex(names[i], TemporaryExtension);
                bool superseded = committed >= 0 && committed <= _current - KeptGenerations;
                bool leftover = temporary >= 0;
                if (superseded || leftover)
                {
                    status = _store.Delete(StoreNames.Join(_directory, names[i]));
                    if (status != StoreStatus.Ok && status != StoreStatus.NotFound)
                    {
                        result = status;
                    }
                }
            }

            return result;
        }

        private string Path(long generation, string extension)
        {
            return StoreNames.Join(_directory, StoreNames.Hex(generation, extension));
        }

        private static long HighestGeneration(string[] names)
        {
            long highest = -1;
            for (int i = 0; i < names.Length; i++)
            {
                long generation = StoreNames.ParseHex(names[i], CommittedExtension);
                if (generation < 0)
                {
                    generation = StoreNames.ParseHex(names[i], TemporaryExtension);
                }

                if (generation > highest)
                {
                    highest = generation;
                }
            }

            return highest;
        }

        private static long NextCandidate(string[] names, long below)
        {
            long best = -1;
            for (int i = 0; i < names.Length; i++)
            {
                long generation = StoreNames.ParseHex(names[i], CommittedExtension);
                if (generation > best && generation < below)
                {
                    best = generation;
                }
            }

            return best;
        }
    }
}
