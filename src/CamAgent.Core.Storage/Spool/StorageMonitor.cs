using System;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Spool
{
    /// <summary>
    /// Watches free space on the volume against two thresholds (docs/agent-storage.md, "Full
    /// storage") and raises an alarm once per episode: the orchestration turns a pending alarm into
    /// a signed "storage full" continuity record, then calls <see cref="AcknowledgeAlarm"/>. The
    /// acknowledgement lives in RAM on purpose: after a reboot while space is still low the alarm
    /// rises again, so every boot's part of the chain states the condition. Nothing is ever evicted
    /// to make room: space comes back only through receipts and deletions.
    /// </summary>
    public sealed class StorageMonitor
    {
        private readonly IFileStore _store;
        private readonly long _lowFreeBytes;
        private readonly long _criticalFreeBytes;
        private StorageLevel _level = StorageLevel.Normal;
        private bool _acknowledged;

        /// <summary>A monitor with <see cref="SpoolConstants.DefaultLowFreeBytes"/> and <see cref="SpoolConstants.DefaultCriticalFreeBytes"/>.</summary>
        public StorageMonitor(IFileStore store)
            : this(store, SpoolConstants.DefaultLowFreeBytes, SpoolConstants.DefaultCriticalFreeBytes)
        {
        }

        /// <param name="store">The volume the recorder and the spool share.</param>
        /// <param name="lowFreeBytes">Below this many free bytes the level is Low and the alarm rises.</param>
        /// <param name="criticalFreeBytes">Below this many free bytes the level is Critical.</param>
        public StorageMonitor(IFileStore store, long lowFreeBytes, long criticalFreeBytes)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (criticalFreeBytes < 0 || lowFreeBytes < criticalFreeBytes)
            {
                throw new ArgumentOutOfRangeException("lowFreeBytes");
            }

            _store = store;
            _lowFreeBytes = lowFreeBytes;
            _criticalFreeBytes = criticalFreeBytes;
        }

        /// <summary>Level at the last successful <see cref="Check"/> (Normal before the first).</summary>
        public StorageLevel Level
        {
            get { return _level; }
        }

        /// <summary>True while the level is not Normal and the alarm has not been acknowledged.</summary>
        public bool AlarmPending
        {
            get { return _level != StorageLevel.Normal && !_acknowledged; }
        }

        /// <summary>
        /// Measures free space and updates <see cref="Level"/>; back at Normal, the next drop raises
        /// the alarm again. On a failure <paramref name="level"/> is the previous level.
        /// Statuses: Ok, IoError, DeviceRemoved.
        /// </summary>
        public StoreStatus Check(out StorageLevel level)
        {
            long free;
            StoreStatus status = _store.GetFreeSpace(out free);
            if (status == StoreStatus.Ok)
            {
                _level = free < _criticalFreeBytes ? StorageLevel.Critical : free < _lowFreeBytes ? StorageLevel.Low : StorageLevel.Normal;
                if (_level == StorageLevel.Normal)
                {
                    _acknowledged = false;
                }
            }

            level = _level;
            return status;
        }

        /// <summary>Records that the pending alarm has been committed as a continuity record.</summary>
        public void AcknowledgeAlarm()
        {
            _acknowledged = true;
        }
    }
}
