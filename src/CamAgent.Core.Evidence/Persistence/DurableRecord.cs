using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Persistence
{
    /// <summary>
    /// One small record (configuration, time floor) kept power-loss safe in two slots of
    /// <see cref="IRecordSlots"/>: every save goes to the slot NOT holding the newest copy, so a
    /// cut during a save leaves the previous copy intact; loading picks the valid copy with the
    /// highest generation. Frame layout (big-endian), documented in docs/agent.md:
    /// "CAD1" (4) | generation (4) | payload length (4) | payload | first 16 bytes of SHA-256 over
    /// everything before. A torn or mixed slot fails the check and is ignored.
    /// The check is SHA-256 because Core already carries it; 128 bits make an accidental match
    /// of a torn write impossible in practice, and records are small and rarely written.
    /// Buffers are allocated once, in the constructor.
    /// </summary>
    public sealed class DurableRecord
    {
        /// <summary>Bytes of the frame header: magic, generation, length.</summary>
        public const int HeaderSizeBytes = 12;

        /// <summary>Bytes of the truncated SHA-256 check at the end of the frame.</summary>
        public const int CheckSizeBytes = 16;

        // Managed SHA-256 working state: 8 + 64 words of schedule and state, one 64-byte block.
        private const int Sha256StateBytes = (8 + 64) * 4 + 64;

        private static readonly byte[] Magic = new byte[] { 0x43, 0x41, 0x44, 0x31 };

        private readonly IRecordSlots _slots;
        private readonly string _name;
        private readonly int _maxPayloadBytes;
        private readonly byte[] _frame;
        private readonly byte[] _digest = new byte[Sha256.DigestSizeBytes];
        private readonly Sha256 _sha = new Sha256();
        private long _newestGeneration;
        private int _newestSlot = -1;

        /// <param name="slots">Where the two copies live.</param>
        /// <param name="name">Record name, handed to <paramref name="slots"/> unchanged.</param>
        /// <param name="maxPayloadBytes">Largest payload this record will ever hold.</param>
        public DurableRecord(IRecordSlots slots, string name, int maxPayloadBytes)
        {
            if (slots == null)
            {
                throw new ArgumentNullException("slots");
            }

            if (name == null || name.Length == 0)
            {
                throw new ArgumentException("name");
            }

            if (maxPayloadBytes <= 0)
            {
                throw new ArgumentOutOfRangeException("maxPayloadBytes");
            }

            _slots = slots;
            _name = name;
            _maxPayloadBytes = maxPayloadBytes;
            _frame = new byte[HeaderSizeBytes + maxPayloadBytes + CheckSizeBytes];
        }

        /// <summary>Bytes this instance holds in buffers.</summary>
        public int BufferBytes
        {
            get { return _frame.Length + _digest.Length + Sha256StateBytes; }
        }

        /// <summary>
        /// Copies the newest valid payload into <paramref name="payload"/> at <paramref name="offset"/>
        /// (room for the maximum payload required). Statuses: Ok, Missing, IoError (only when no
        /// slot could be read at all).
        /// </summary>
        public PersistStatus Load(byte[] payload, int offset, out int length)
        {
            Bytes.CheckRange(payload, offset, _maxPayloadBytes);
            length = 0;
            _newestSlot = -1;
            _newestGeneration = 0;
            int ioErrors = 0;
            for (int slot = 0; slot < 2; slot++)
            {
                long generation;
                int payloadLength;
                SlotStatus status = ReadValid(slot, out generation, out payloadLength);
                if (status == SlotStatus.IoError)
                {
                    ioErrors++;
                }

                if (status == SlotStatus.Ok && generation > _newestGeneration)
                {
                    _newestGeneration = generation;
                    _newestSlot = slot;
                    length = payloadLength;
                    Array.Copy(_frame, HeaderSizeBytes, payload, offset, payloadLength);
                }
            }

            if (_newestSlot >= 0)
            {
                return PersistStatus.Ok;
            }

            return ioErrors == 2 ? PersistStatus.IoError : PersistStatus.Missing;
        }

        /// <summary>
        /// Saves <paramref name="count"/> bytes as the new newest copy. Call <see cref="Load"/> once
        /// first so the generation continues from what is stored. Statuses: Ok, StorageFull,
        /// IoError; on any failure the previous copy is still the one <see cref="Load"/> returns.
        /// </summary>
        public PersistStatus Save(byte[] payload, int offset, int count)
        {
            Bytes.CheckRange(payload, offset, count);
            if (count > _maxPayloadBytes)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            long generation = _newestGeneration + 1;
            int target = _newestSlot == 0 ? 1 : 0;
            Array.Copy(Magic, 0, _frame, 0, Magic.Length);
            Bytes.WriteUInt32(_frame, 4, (uint)generation);
            Bytes.WriteUInt32(_frame, 8, (uint)count);
            Array.Copy(payload, offset, _frame, HeaderSizeBytes, count);
            int checkedBytes = HeaderSizeBytes + count;
            ComputeCheck(checkedBytes);
            Array.Copy(_digest, 0, _frame, checkedBytes, CheckSizeBytes);

            SlotStatus status = _slots.Write(_name, target, _frame, 0, checkedBytes + CheckSizeBytes);
            if (status == SlotStatus.Ok)
            {
                _newestGeneration = generation;
                _newestSlot = target;
                return PersistStatus.Ok;
            }

            return status == SlotStatus.StorageFull ? PersistStatus.StorageFull : PersistStatus.IoError;
        }

        private SlotStatus ReadValid(int slot, out long generation, out int payloadLength)
        {
            generation = 0;
            payloadLength = 0;
            int length;
            SlotStatus status = _slots.Read(_name, slot, _frame, 0, _frame.Length, out length);
            if (status != SlotStatus.Ok)
            {
                return status;
            }

            if (length < HeaderSizeBytes + CheckSizeBytes)
            {
                return SlotStatus.Missing;
            }

            for (int i = 0; i < Magic.Length; i++)
            {
                if (_frame[i] != Magic[i])
                {
                    return SlotStatus.Missing;
                }
            }

            long declared = Bytes.ReadUInt32AsInt64(_frame, 8);
            if (declared > _maxPayloadBytes || declared != length - HeaderSizeBytes - CheckSizeBytes)
            {
                return SlotStatus.Missing;
            }

            int checkedBytes = HeaderSizeBytes + (int)declared;
            ComputeCheck(checkedBytes);
            for (int i = 0; i < CheckSizeBytes; i++)
            {
                if (_frame[checkedBytes + i] != _digest[i])
                {
                    return SlotStatus.Missing;
                }
            }

            generation = Bytes.ReadUInt32AsInt64(_frame, 4);
            payloadLength = (int)declared;
            return SlotStatus.Ok;
        }

        private void ComputeCheck(int count)
        {
            _sha.Reset();
            _sha.Update(_frame, 0, count);
            _sha.Final(_digest, 0);
        }
    }
}
