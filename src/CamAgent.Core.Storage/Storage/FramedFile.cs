using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Storage
{
    /// <summary>
    /// Writes and reads one checksummed frame per file, committed with write-new-then-rename
    /// (docs/agent-storage.md, "Frames"). Layout, big-endian:
    /// magic (4) | id (4) | payload length (4) | payload | CRC-32 of everything before (4).
    /// The id ties the content to the file name (a generation or a sequence number), so a file
    /// that surfaces under another name is rejected.
    /// One buffer, allocated here, holds the whole frame: callers compose the payload in place at
    /// <see cref="PayloadOffset"/> of <see cref="Buffer"/> and read it from there after a load.
    /// </summary>
    public sealed class FramedFile
    {
        /// <summary>Bytes before the payload.</summary>
        public const int PayloadOffset = 12;

        /// <summary>Bytes a frame adds to its payload.</summary>
        public const int OverheadBytes = PayloadOffset + Crc32.SizeBytes;

        private const int MagicBytes = 4;
        private const int IdOffset = 4;
        private const int LengthOffset = 8;

        private readonly IFileStore _store;
        private readonly byte[] _magic;
        private readonly byte[] _frame;
        private readonly int _maxPayloadBytes;

        /// <param name="store">Where the files live.</param>
        /// <param name="magic">Four bytes that name the kind of frame.</param>
        /// <param name="maxPayloadBytes">Largest payload ever written or accepted.</param>
        public FramedFile(IFileStore store, byte[] magic, int maxPayloadBytes)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (magic == null || magic.Length != MagicBytes)
            {
                throw new ArgumentException("magic");
            }

            if (maxPayloadBytes <= 0)
            {
                throw new ArgumentOutOfRangeException("maxPayloadBytes");
            }

            _store = store;
            _magic = magic;
            _maxPayloadBytes = maxPayloadBytes;
            _frame = new byte[OverheadBytes + maxPayloadBytes];
        }

        /// <summary>The frame buffer; the payload lives at <see cref="PayloadOffset"/>.</summary>
        public byte[] Buffer
        {
            get { return _frame; }
        }

        public int MaxPayloadBytes
        {
            get { return _maxPayloadBytes; }
        }

        /// <summary>Bytes held in buffers.</summary>
        public int BufferBytes
        {
            get { return _frame.Length; }
        }

        /// <summary>
        /// Seals the <paramref name="payloadLength"/> payload bytes already in <see cref="Buffer"/>
        /// and commits them as <paramref name="finalPath"/>: write <paramref name="tempPath"/>,
        /// flush, rename. On any status but Ok the final name was not created (under the file
        /// system assumptions of <see cref="IFileStore"/>) and the temporary file is removed when
        /// the store still allows it; a leftover is removed by the next recovery.
        /// Statuses: Ok, AlreadyExists (final name taken), StorageFull, NotFound (no directory), IoError, DeviceRemoved.
        /// </summary>
        public StoreStatus Commit(string tempPath, string finalPath, long id, int payloadLength)
        {
            if (payloadLength < 0 || payloadLength > _maxPayloadBytes)
            {
                throw new ArgumentOutOfRangeException("payloadLength");
            }

            int total = Seal(id, payloadLength);
            StoreStatus status = _store.CreateFile(tempPath);
            if (status == StoreStatus.AlreadyExists)
            {
                // A temporary file is never trusted: it is what a cut left behind.
                status = _store.Delete(tempPath);
                if (status == StoreStatus.Ok)
                {
                    status = _store.CreateFile(tempPath);
                }
            }

            if (status != StoreStatus.Ok)
            {
                return status;
            }

            status = _store.Append(tempPath, _frame, 0, total);
            if (status == StoreStatus.Ok)
            {
                status = _store.Flush(tempPath);
            }

            if (status == StoreStatus.Ok)
            {
                status = _store.Rename(tempPath, finalPath);
            }

            if (status != StoreStatus.Ok)
            {
                // The first failure is what the caller needs; a failed clean-up only leaves a
                // temporary file that recovery deletes.
                _ = _store.Delete(tempPath); // recovery deletes a temporary file that survives
            }

            return status;
        }

        /// <summary>
        /// Reads <paramref name="path"/> and checks it: size, magic, <paramref name="expectedId"/>,
        /// length and CRC. On Ok with <paramref name="valid"/> true the payload is in
        /// <see cref="Buffer"/> at <see cref="PayloadOffset"/>, <paramref name="payloadLength"/> bytes.
        /// A file that fails any check is Ok with <paramref name="valid"/> false.
        /// Statuses: Ok, NotFound, IoError, DeviceRemoved.
        /// </summary>
        public StoreStatus Load(string path, long expectedId, out int payloadLength, out bool valid)
        {
            payloadLength = 0;
            valid = false;
            long fileLength;
            StoreStatus status = _store.GetLength(path, out fileLength);
            if (status != StoreStatus.Ok)
            {
                return status;
            }

            if (fileLength < OverheadBytes || fileLength > _frame.Length)
            {
                return StoreStatus.Ok;
            }

            int length = (int)fileLength;
            int read;
            status = _store.Read(path, 0, _frame, 0, length, out read);
            if (status != StoreStatus.Ok || read != length)
            {
                return status;
            }

            valid = Check(expectedId, length, out payloadLength);
            return StoreStatus.Ok;
        }

        private int Seal(long id, int payloadLength)
        {
            Array.Copy(_magic, 0, _frame, 0, MagicBytes);
            Bytes.WriteUInt32(_frame, IdOffset, (uint)id);
            Bytes.WriteUInt32(_frame, LengthOffset, (uint)payloadLength);
            int crcOffset = PayloadOffset + payloadLength;
            Bytes.WriteUInt32(_frame, crcOffset, Crc32.Compute(_frame, 0, crcOffset));
            return crcOffset + Crc32.SizeBytes;
        }

        private bool Check(long expectedId, int length, out int payloadLength)
        {
            payloadLength = 0;
            for (int i = 0; i < MagicBytes; i++)
            {
                if (_frame[i] != _magic[i])
                {
                    return false;
                }
            }

            if (Bytes.ReadUInt32(_frame, IdOffset) != (uint)expectedId)
            {
                return false;
            }

            uint declared = Bytes.ReadUInt32(_frame, LengthOffset);
            if (declared != (uint)(length - OverheadBytes))
            {
                return false;
            }

            int crcOffset = length - Crc32.SizeBytes;
            if (Bytes.ReadUInt32(_frame, crcOffset) != Crc32.Compute(_frame, 0, crcOffset))
            {
                return false;
            }

            payloadLength = (int)declared;
            return true;
        }
    }
}
