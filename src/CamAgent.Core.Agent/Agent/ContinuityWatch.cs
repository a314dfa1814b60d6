using System;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Spool;
using CamAgent.Core.Time;

namespace CamAgent.Core.Agent
{
    /// <summary>
    /// Turns what the agent observes into continuity records waiting in the
    /// <see cref="ContinuityQueue"/> (docs/agent.md §6 steps 1–2): clock steps, the storage alarm
    /// (once per episode), a refused record's quarantine; and clears each condition once its
    /// record is sealed. Allocates nothing per step.
    /// </summary>
    internal sealed class ContinuityWatch
    {
        private const string Component = "agent";

        private readonly ContinuityQueue _queue;
        private readonly ClockMonitor _clock;
        private readonly IWallClock _wallClock;
        private readonly StorageMonitor _storage;
        private readonly UploadStage _upload;
        private readonly ILogSink _log;
        private readonly TimeMark _mark = new TimeMark();
        private bool _storageEventQueued;
        private bool _storageCheckFailed;
        private bool _declarationQueued;
        private long _nextStorageCheckMs;

        public ContinuityWatch(ContinuityQueue queue, ClockMonitor clock, IWallClock wallClock, StorageMonitor storage, UploadStage upload, ILogSink log)
        {
            if (queue == null || clock == null || wallClock == null || storage == null || upload == null || log == null)
            {
                throw new ArgumentNullException("queue");
            }

            _queue = queue;
            _clock = clock;
            _wallClock = wallClock;
            _storage = storage;
            _upload = upload;
            _log = log;
        }

        /// <summary>Samples the clock, measures free space when due, and queues what needs a record.</summary>
        public void Observe(long nowMs)
        {
            RecordClockEvent(_clock.Observe(ClockMonitor.ToUnixMs(_wallClock.UtcNow), nowMs));
            CheckStorage(nowMs);
            if (_upload.QuarantinePending >= 0 && !_declarationQueued)
            {
                // Declared in the chain before the record leaves the queue (QuarantineStep).
                _declarationQueued = Queue(ContinuityEvent.RecordQuarantined, _upload.QuarantinePending);
            }
        }

        /// <summary>A time service reported a sync (docs/agent.md §1).</summary>
        public void NotifySynced(long nowMs)
        {
            RecordClockEvent(_clock.NotifySynced(ClockMonitor.ToUnixMs(_wallClock.UtcNow), nowMs));
        }

        /// <summary>A continuity record of <paramref name="kind"/> was committed: the condition it records is acknowledged.</summary>
        public void Sealed(ContinuityEvent kind)
        {
            if (kind == ContinuityEvent.StorageFull)
            {
                _storage.AcknowledgeAlarm();
                _storageEventQueued = false;
            }

            if (kind == ContinuityEvent.RecordQuarantined)
            {
                _upload.DeclarationSealed();
                _declarationQueued = false;
            }
        }

        /// <summary>Queues an event with the clock as of now; false (logged) when the queue is full.</summary>
        public bool Queue(ContinuityEvent kind, long detail)
        {
            _clock.Capture(_mark);
            bool queued = _queue.Enqueue(kind, detail, _mark);
            if (!queued)
            {
                _log.Write(LogLevel.Error, Component, "continuity queue full; " + kind.ToString() + " not recorded");
            }

            return queued;
        }

        /// <summary>
        /// A ClockStep record exists only for an actual step beyond the tolerance (docs/agent.md §1,
        /// docs/evidence-format.md §5): a sync that left the clock where it was, or a floor raised
        /// past the clock, changes the clock state written in later manifests, not the wall time.
        /// </summary>
        private void RecordClockEvent(ClockEvent clockEvent)
        {
            if (clockEvent == ClockEvent.None)
            {
                return;
            }

            // A first sync is the normal course of a boot; a step or a fall below the floor is not.
            LogLevel level = clockEvent == ClockEvent.Synced ? LogLevel.Info : LogLevel.Warning;
            _log.Write(level, Component, "clock " + clockEvent.ToString());
            if (_clock.LastStepMs != 0)
            {
                // A full queue merges the step into a queued one; one it cannot merge is logged by Queue.
                _ = Queue(ContinuityEvent.ClockStep, _clock.LastStepMs);
            }
        }

        private void CheckStorage(long nowMs)
        {
            if (nowMs < _nextStorageCheckMs)
            {
                return;
            }

            _nextStorageCheckMs = nowMs + AgentConstants.StorageCheckIntervalMs;
            StorageLevel level;
            StoreStatus measured = _storage.Check(out level);
            if (measured != StoreStatus.Ok && !_storageCheckFailed)
            {
                // Check's contract: the previous level stands until a measurement succeeds.
                _log.Write(LogLevel.Warning, Component, "free space not measured (" + measured.ToString() + "); the storage level stays " + level.ToString());
            }

            _storageCheckFailed = measured != StoreStatus.Ok;
            if (_storage.AlarmPending && !_storageEventQueued)
            {
                _storageEventQueued = Queue(ContinuityEvent.StorageFull, 0);
            }
        }
    }
}
