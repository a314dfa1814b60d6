using System;
using CamAgent.Core.Persistence;
using CamAgent.Core.Platform;
using CamAgent.Core.Segments;
using CamAgent.Core.Spool;
using CamAgent.Core.Time;

namespace CamAgent.Core.Agent
{
    /// <summary>
    /// The agent's boot (docs/agent.md §6) as steps that may be retried: the recorder hand-off,
    /// the time floor and the first clock sample, the boot counter, the spool's recovery. Each
    /// <see cref="Run"/> starts from the first step that has not succeeded yet, so a retried boot
    /// keeps its boot number, loads the floor once and declares the hand-off once.
    /// </summary>
    internal sealed class AgentBoot
    {
        private const string Component = "agent";

        private readonly SegmentSource _source;
        private readonly TimeFloor _floor;
        private readonly ClockMonitor _clock;
        private readonly IWallClock _wallClock;
        private readonly BootCounter _boot;
        private readonly Spool.Spool _spool;
        private readonly RecoveryReport _report;
        private readonly ILogSink _log;
        private bool _handOffDone;
        private bool _floorLoaded;

        public AgentBoot(SegmentSource source, TimeFloor floor, ClockMonitor clock, IWallClock wallClock, BootCounter boot, Spool.Spool spool, RecoveryReport report, ILogSink log)
        {
            if (source == null || floor == null || clock == null || wallClock == null || boot == null || spool == null || report == null || log == null)
            {
                throw new ArgumentNullException("source");
            }

            _source = source;
            _floor = floor;
            _clock = clock;
            _wallClock = wallClock;
            _boot = boot;
            _spool = spool;
            _report = report;
            _log = log;
        }

        /// <summary>Runs the steps not done yet, at monotonic time <paramref name="nowMs"/>. Statuses: Ok, FlashUnavailable, StorageUnavailable.</summary>
        public AgentStartStatus Run(long nowMs)
        {
            if (!_handOffDone)
            {
                DeclareRecorderRestarted();
                _handOffDone = true;
            }

            if (!_floorLoaded && !LoadFloor(nowMs))
            {
                return AgentStartStatus.FlashUnavailable;
            }

            PersistStatus counted = _boot.Increment();
            if (counted != PersistStatus.Ok)
            {
                _log.Write(LogLevel.Error, Component, "boot not counted (" + counted.ToString() + "): nothing is sealed until it is");
                return AgentStartStatus.FlashUnavailable;
            }

            return Recover();
        }

        /// <summary>
        /// The recorder shares the camera's power: every unfinished file it left is orphaned and is
        /// sealed as truncated. The declaration is valid only before the recorder can have opened a
        /// new file, so it comes first and its attempts follow each other at once; a declaration
        /// made later could take a file being recorded for an orphan. When it fails, nothing is
        /// lost: an orphan is handed over, as truncated, once the recorder writes its next file.
        /// </summary>
        private void DeclareRecorderRestarted()
        {
            StoreStatus status = StoreStatus.Ok;
            for (int attempt = 0; attempt < AgentConstants.HandOffAttempts; attempt++)
            {
                status = _source.DeclareRecorderRestarted();
                if (status == StoreStatus.Ok)
                {
                    return;
                }
            }

            _log.Write(LogLevel.Warning, Component, "recorder hand-off not declared (" + status.ToString()
                + "): an unfinished segment from before the restart is sealed, as truncated, when the recorder writes its next file");
        }

        private bool LoadFloor(long nowMs)
        {
            // Missing is a first boot: the build floor stands. IoError could hide a higher floor.
            PersistStatus loaded = _floor.Load();
            if (loaded == PersistStatus.IoError)
            {
                _log.Write(LogLevel.Error, Component, "time floor unreadable (" + loaded.ToString() + "): boot retried later");
                return false;
            }

            _floorLoaded = true;

            // The first sample, judged against the persisted floor. It has nothing to compare with,
            // so it never reports an event.
            _ = _clock.Observe(ClockMonitor.ToUnixMs(_wallClock.UtcNow), nowMs);
            return true;
        }

        /// <summary>
        /// Recover's contract: when the scan succeeded but saving the reconciled state did not
        /// (StorageFull, IoError), the spool is recovered and usable and saves with its next change.
        /// </summary>
        private AgentStartStatus Recover()
        {
            SpoolStatus recovered = _spool.Recover(_report);
            if (recovered == SpoolStatus.Ok)
            {
                return AgentStartStatus.Ok;
            }

            if (_spool.IsRecovered)
            {
                _log.Write(LogLevel.Warning, Component, "spool recovered; its state is saved with the next change (" + recovered.ToString() + ")");
                return AgentStartStatus.Ok;
            }

            _log.Write(LogLevel.Error, Component, "spool not recovered (" + recovered.ToString() + "): boot retried later");
            return AgentStartStatus.StorageUnavailable;
        }
    }
}
