using System;
using CamAgent.Core.Persistence;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Time
{
    /// <summary>
    /// The earliest wall time the device can still believe, in Unix ms. It starts at
    /// <see cref="TimeConstants.BuildFloorUnixMs"/>, only moves forward, and is persisted in a
    /// <see cref="DurableRecord"/> so that a camera that loses power and boots at 1970 knows its
    /// clock is wrong. It advances only from authenticated time (the server time in a verified
    /// receipt), never from SNTP alone: a forged SNTP answer in the future must not be able to
    /// lock the device out for years (docs/agent.md, "Time floor").
    /// </summary>
    public sealed class TimeFloor
    {
        /// <summary>Record name handed to <see cref="IRecordSlots"/>.</summary>
        public const string RecordName = "timefloor";

        private const int PayloadBytes = 8;

        private readonly DurableRecord _record;
        private readonly byte[] _payload = new byte[PayloadBytes];
        private long _floorMs;
        private long _persistedMs;

        public TimeFloor(IRecordSlots slots)
        {
            _record = new DurableRecord(slots, RecordName, PayloadBytes);
            _floorMs = TimeConstants.BuildFloorUnixMs;
            _persistedMs = TimeConstants.BuildFloorUnixMs;
        }

        /// <summary>Current floor in Unix ms.</summary>
        public long FloorMs
        {
            get { return _floorMs; }
        }

        /// <summary>
        /// The floor as persisted (Unix ms): what survives a reboot, so it never moves backwards
        /// along the chain. Manifests record this value; validity is judged against <see cref="FloorMs"/>.
        /// </summary>
        public long PersistedMs
        {
            get { return _persistedMs; }
        }

        /// <summary>Bytes held in buffers.</summary>
        public int BufferBytes
        {
            get { return _record.BufferBytes + _payload.Length; }
        }

        /// <summary>
        /// Reads the persisted floor; a missing or torn record leaves the build floor. A stored
        /// value below the build floor is ignored (the firmware is newer than the record).
        /// Statuses: Ok, Missing, IoError.
        /// </summary>
        public PersistStatus Load()
        {
            int length;
            PersistStatus status = _record.Load(_payload, 0, out length);
            if (status == PersistStatus.Ok && length == PayloadBytes)
            {
                long stored = 0;
                for (int i = 0; i < PayloadBytes; i++)
                {
                    stored = (stored << 8) | _payload[i];
                }

                if (stored > _floorMs)
                {
                    _floorMs = stored;
                    _persistedMs = stored;
                }
            }

            return status;
        }

        /// <summary>
        /// Raises the floor to <paramref name="authenticatedUnixMs"/> if that is later; never
        /// lowers it. Persists when the floor moved at least
        /// <see cref="TimeConstants.FloorPersistGranularityMs"/> past the stored value.
        /// Statuses: Ok (including "nothing to write"), StorageFull, IoError (the floor still
        /// holds in memory).
        /// </summary>
        public PersistStatus Advance(long authenticatedUnixMs)
        {
            if (authenticatedUnixMs <= _floorMs)
            {
                return PersistStatus.Ok;
            }

            _floorMs = authenticatedUnixMs;
            if (_floorMs - _persistedMs < TimeConstants.FloorPersistGranularityMs)
            {
                return PersistStatus.Ok;
            }

            for (int i = 0; i < PayloadBytes; i++)
            {
                _payload[i] = (byte)(_floorMs >> (8 * (PayloadBytes - 1 - i)));
            }

            PersistStatus status = _record.Save(_payload, 0, PayloadBytes);
            if (status == PersistStatus.Ok)
            {
                _persistedMs = _floorMs;
            }

            return status;
        }
    }
}
