using System;

namespace CamAgent.Core.Time
{
    /// <summary>
    /// Infers what can be trusted about the wall clock from what can be observed: the wall clock
    /// itself, the monotonic ticks, the persisted <see cref="TimeFloor"/>, and sync reports from
    /// the SNTP adapter. nanoFramework's SNTP client raises no event, so a sync is also inferred:
    /// the SNTP client is the only writer of the device clock, so a step (wall progress disagreeing
    /// with tick progress by more than <see cref="TimeConstants.StepToleranceMs"/> plus drift) onto
    /// a time at or above the floor is taken as a sync. The model is documented in docs/agent.md,
    /// "Time model". Not thread-safe: one thread (the agent loop) calls it.
    /// </summary>
    public sealed class ClockMonitor
    {
        private readonly TimeFloor _floor;
        private bool _haveSample;
        private long _lastWallMs;
        private long _lastMonoMs;
        private bool _aboveFloor;
        private bool _synced;
        private long _syncMonoMs;
        private long _syncWallMs;
        private int _syncStepCount;
        private long _syncStepTotalMs;
        private int _syncInvalidationCount;
        private int _stepCount;
        private long _stepTotalMs;
        private long _lastStepMs;
        private int _invalidationCount;
        private bool _haveVerified;
        private long _verifiedWallMs;
        private long _verifiedMonoMs;

        public ClockMonitor(TimeFloor floor)
        {
            if (floor == null)
            {
                throw new ArgumentNullException("floor");
            }

            _floor = floor;
        }

        /// <summary>True when uploads may proceed: at or above the floor and synchronised during this boot.</summary>
        public bool IsTrusted
        {
            get { return _haveSample && _aboveFloor && _synced; }
        }

        /// <summary>True when the last observed wall time was at or above the floor.</summary>
        public bool IsAboveFloor
        {
            get { return _haveSample && _aboveFloor; }
        }

        /// <summary>
        /// The step the last observation detected, in ms (signed: wall progress minus monotonic
        /// progress), or 0 when the wall clock kept pace within <see cref="TimeConstants.StepToleranceMs"/>
        /// plus drift. A sync that did not move the clock, and a floor raised past the clock, are
        /// events without a step.
        /// </summary>
        public long LastStepMs
        {
            get { return _lastStepMs; }
        }

        /// <summary>The floor in force (Unix ms).</summary>
        public TimeFloor Floor
        {
            get { return _floor; }
        }

        /// <summary>Converts a platform UTC time to Unix ms.</summary>
        public static long ToUnixMs(DateTime utc)
        {
            return (utc.Ticks - TimeConstants.UnixEpochTicks) / TimeConstants.TicksPerMs;
        }

        /// <summary>
        /// Samples both clocks (call on every loop step, wall first then ticks). Returns the event
        /// this sample revealed; <see cref="ClockEvent.None"/> on the first sample of a boot.
        /// </summary>
        public ClockEvent Observe(long wallUnixMs, long monotonicMs)
        {
            bool wasAbove = _haveSample && _aboveFloor;
            bool wasSynced = _synced;
            bool stepped = false;
            _lastStepMs = 0;
            if (_haveSample)
            {
                long monoDelta = monotonicMs - _lastMonoMs;
                long signedStep = (wallUnixMs - _lastWallMs) - monoDelta;
                long disagreement = signedStep < 0 ? -signedStep : signedStep;
                if (disagreement > TimeConstants.StepToleranceMs + DriftBoundMs(monoDelta))
                {
                    stepped = true;
                    _lastStepMs = signedStep;
                    _stepCount++;
                    _stepTotalMs += disagreement;
                }
            }

            _haveSample = true;
            _lastWallMs = wallUnixMs;
            _lastMonoMs = monotonicMs;
            _aboveFloor = wallUnixMs >= _floor.FloorMs;
            if (!_aboveFloor)
            {
                _synced = false;
                if (wasAbove)
                {
                    _invalidationCount++;
                    return ClockEvent.Invalidated;
                }

                return ClockEvent.None;
            }

            if (!stepped)
            {
                return ClockEvent.None;
            }

            // Only SNTP writes the clock: a step onto a plausible time is a sync, if the last verified time allows it.
            if (!WithinVerifiedBound(wallUnixMs, monotonicMs))
            {
                _synced = false;
                return ClockEvent.SuspectStep;
            }

            MarkSynced(wallUnixMs, monotonicMs);
            return wasSynced && wasAbove ? ClockEvent.Stepped : ClockEvent.Synced;
        }

        /// <summary>
        /// The SNTP adapter calls this right after Sntp.UpdateNow() succeeded. Detects any step the
        /// update caused, then records a sync if the clock is at or above the floor (a sync onto a
        /// time below the floor is refused: the floor wins over SNTP).
        /// </summary>
        public ClockEvent NotifySynced(long wallUnixMs, long monotonicMs)
        {
            bool wasSynced = _synced;
            ClockEvent observed = Observe(wallUnixMs, monotonicMs);
            if (!_aboveFloor || observed == ClockEvent.SuspectStep || !WithinVerifiedBound(wallUnixMs, monotonicMs))
            {
                return observed;
            }

            MarkSynced(wallUnixMs, monotonicMs);
            if (observed == ClockEvent.None && !wasSynced)
            {
                return ClockEvent.Synced;
            }

            return observed;
        }

        /// <summary>
        /// The agent calls this when a receipt's ES256 signature verified: <paramref name="serverUnixMs"/> is
        /// time the agency vouches for, received at <paramref name="monotonicMs"/>. If the clock is trusted
        /// and agrees with it within <see cref="TimeConstants.ReceiptAgreementMs"/>, the clock at that moment
        /// becomes the verified time every later step is judged against. Returns true when it did.
        /// </summary>
        public bool NoteAuthenticatedTime(long serverUnixMs, long monotonicMs)
        {
            long wallNow = _lastWallMs + (monotonicMs - _lastMonoMs);
            long disagreement = wallNow - serverUnixMs;
            if (!IsTrusted || disagreement > TimeConstants.ReceiptAgreementMs || disagreement < -TimeConstants.ReceiptAgreementMs)
            {
                return false;
            }

            _haveVerified = true;
            _verifiedWallMs = wallNow;
            _verifiedMonoMs = monotonicMs;
            return true;
        }

        /// <summary>
        /// How far (ms, either way) a clock step may land from the verified time carried forward by
        /// <paramref name="elapsedMs"/> of monotonic ticks: the receipt agreement margin, SNTP's accuracy, the
        /// step tolerance and the crystal's drift since then.
        /// </summary>
        public static long VerifiedBoundMs(long elapsedMs)
        {
            return TimeConstants.ReceiptAgreementMs + TimeConstants.SyncAccuracyMs + TimeConstants.StepToleranceMs + DriftBoundMs(elapsedMs);
        }

        // Without a verified time in this boot only the floor judges (the first sync after boot; docs/agent.md §1).
        private bool WithinVerifiedBound(long wallUnixMs, long monotonicMs)
        {
            if (!_haveVerified)
            {
                return true;
            }

            long elapsed = monotonicMs - _verifiedMonoMs;
            long offset = wallUnixMs - (_verifiedWallMs + elapsed);
            long allowed = VerifiedBoundMs(elapsed);
            return offset <= allowed && offset >= -allowed;
        }

        /// <summary>Fills <paramref name="mark"/> with the state as of the last observation (allocates nothing).</summary>
        public void Capture(TimeMark mark)
        {
            if (mark == null)
            {
                throw new ArgumentNullException("mark");
            }

            mark.WallUnixMs = _lastWallMs;
            mark.MonotonicMs = _lastMonoMs;
            mark.FloorUnixMs = _floor.PersistedMs;
            mark.StepCount = _stepCount;
            mark.StepTotalMs = _stepTotalMs;
            mark.InvalidationCount = _invalidationCount;
            if (!IsAboveFloor)
            {
                mark.State = ClockCondition.Invalid;
                mark.SyncAgeMs = TimeConstants.NeverSynced;
                mark.UncertaintyMs = TimeConstants.UnknownUncertainty;
            }
            else if (!_synced)
            {
                mark.State = ClockCondition.Unsynced;
                mark.SyncAgeMs = TimeConstants.NeverSynced;
                mark.UncertaintyMs = TimeConstants.UnknownUncertainty;
            }
            else
            {
                long age = _lastMonoMs - _syncMonoMs;
                mark.State = ClockCondition.Valid;
                mark.SyncAgeMs = age;
                mark.UncertaintyMs = TimeConstants.SyncAccuracyMs + DriftBoundMs(age);
            }
        }

        /// <summary>
        /// Re-expresses <paramref name="mark"/>, captured earlier in this boot before the clock was
        /// synchronised, in the time of the last sync: the monotonic ticks run on across the sync, so
        /// the true time at the mark is the sync's wall time less the ticks between them, within
        /// the sync's accuracy plus the drift over that interval (docs/agent.md §1). This is how the
        /// first segment after boot gets an attested window although the window opened before SNTP
        /// answered. Leaves the mark as it is when it is Valid already, when the clock is not trusted
        /// now, when the mark is not older than the last sync, or when the result would fall below
        /// the persisted floor (the floor wins over SNTP).
        /// </summary>
        public void Backdate(TimeMark mark)
        {
            if (mark == null)
            {
                throw new ArgumentNullException("mark");
            }

            long before = _syncMonoMs - mark.MonotonicMs;
            if (mark.State == ClockCondition.Valid || !IsTrusted || before < 0 || _syncWallMs - before < mark.FloorUnixMs)
            {
                return;
            }

            mark.WallUnixMs = _syncWallMs - before;
            mark.State = ClockCondition.Valid;
            mark.SyncAgeMs = 0;
            mark.UncertaintyMs = TimeConstants.SyncAccuracyMs + DriftBoundMs(before);
            mark.StepCount = _syncStepCount;
            mark.StepTotalMs = _syncStepTotalMs;
            mark.InvalidationCount = _syncInvalidationCount;
        }

        private void MarkSynced(long wallUnixMs, long monotonicMs)
        {
            _synced = true;
            _syncMonoMs = monotonicMs;
            _syncWallMs = wallUnixMs;
            _syncStepCount = _stepCount;
            _syncStepTotalMs = _stepTotalMs;
            _syncInvalidationCount = _invalidationCount;
        }

        /// <summary>Largest drift over <paramref name="elapsedMs"/> at the assumed crystal tolerance, rounded up.</summary>
        public static long DriftBoundMs(long elapsedMs)
        {
            if (elapsedMs <= 0)
            {
                return 0;
            }

            return (elapsedMs * TimeConstants.DriftPartsPerMillion + TimeConstants.PartsPerMillion - 1) / TimeConstants.PartsPerMillion;
        }
    }
}
