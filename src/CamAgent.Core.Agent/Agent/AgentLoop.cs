using System;
using CamAgent.Core.Config;
using CamAgent.Core.Crypto;
using CamAgent.Core.Egress;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Segments;
using CamAgent.Core.Spool;
using CamAgent.Core.Time;
using CamAgent.Core.Upload;

namespace CamAgent.Core.Agent
{
    /// <summary>
    /// The device agent (docs/agent.md §6): call <see cref="Start"/> once at boot, then
    /// <see cref="Step"/> repeatedly from one thread, waiting the returned number of ms between
    /// calls (or less). Each step observes the clock, checks storage, seals at most one record and
    /// advances the upload of the oldest one by at most one request. It never sleeps and never
    /// blocks recording: the recorder writes its files regardless of what the agent does.
    /// Every buffer is allocated in the constructor (<see cref="BufferBytes"/>).
    /// </summary>
    public sealed class AgentLoop
    {
        private const string Component = "agent";

        private readonly AgentPlatform _platform;
        private readonly DeviceConfig _config;
        private readonly TimeFloor _floor;
        private readonly ClockMonitor _clock;
        private readonly BootCounter _boot;
        private readonly Spool.Spool _spool;
        private readonly StorageMonitor _storage;
        private readonly SegmentSource _source;
        private readonly Sealer _sealer;
        private readonly ContinuityQueue _queue = new ContinuityQueue();
        private readonly EgressGate _gate;
        private readonly TusClient _client;
        private readonly SealStage _seal;
        private readonly UploadStage _upload;
        private readonly RecoveryReport _report = new RecoveryReport();
        private readonly AgentBoot _bootSteps;
        private readonly ContinuityWatch _watch;
        private readonly byte[] _receiptDigest = new byte[Sha256.DigestSizeBytes];
        private bool _started;
        private bool _signerFailed;
        private long _nextSealAttemptMs;

        /// <param name="platform">The platform's ports (all required).</param>
        /// <param name="config">The configuration in force (validated as a whole by <see cref="ConfigValidator"/>).</param>
        public AgentLoop(AgentPlatform platform, DeviceConfig config)
        {
            if (platform == null || !platform.IsComplete)
            {
                throw new ArgumentException("every platform port is required", "platform");
            }

            if (config == null)
            {
                throw new ArgumentNullException("config");
            }

            _platform = platform;
            _config = config;
            _floor = new TimeFloor(platform.Slots);
            _clock = new ClockMonitor(_floor);
            _boot = new BootCounter(platform.Slots);
            _spool = new Spool.Spool(platform.Store, platform.SpoolDirectory, platform.SegmentDirectory);
            _storage = new StorageMonitor(platform.Store, platform.LowFreeBytes, platform.CriticalFreeBytes);
            _source = new SegmentSource(platform.Store, platform.SegmentDirectory);
            _sealer = new Sealer(platform.Hmac, platform.Signer, config.DeviceCertificateDer, config.DeviceId, config.ChunkSizeBytes);
            _gate = new EgressGate(platform.Connector, config, _clock, platform.Log);
            AgencyEndpoint endpoint = new AgencyEndpoint(_gate, config.AgencyHost, platform.Log);
            TusClientOptions options = new TusClientOptions();
            options.ChunkSizeBytes = AgentConstants.UploadBufferBytes;
            options.ConnectTimeoutMs = config.ConnectTimeoutMs;
            options.RetryPolicy = new RetryPolicy(RetryPolicy.DefaultBaseDelayMs, config.MaxBackoffMs, RetryPolicy.DefaultMaxRetryAfterMs);
            _client = new TusClient(endpoint, platform.ReceiptChecker, platform.Random, platform.WallClock, platform.Log, options);
            _seal = new SealStage(_spool, _source, platform.Store, _sealer, _clock, _queue, platform.Log);
            _upload = new UploadStage(_spool, _client, _clock, platform.Log, config.MaxBackoffMs);
            _bootSteps = new AgentBoot(_source, _floor, _clock, platform.WallClock, _boot, _spool, _report, platform.Log);
            _watch = new ContinuityWatch(_queue, _clock, platform.WallClock, _storage, _upload, platform.Log);
        }

        /// <summary>What the LED shows (docs/officer-guide.md).</summary>
        public AgentStatus Status { get; private set; }

        /// <summary>The clock model (the SNTP adapter calls <see cref="ClockMonitor.NotifySynced"/> on it).</summary>
        public ClockMonitor Clock
        {
            get { return _clock; }
        }

        /// <summary>The egress gate (its counters are diagnostics).</summary>
        public EgressGate Gate
        {
            get { return _gate; }
        }

        public Spool.Spool Spool
        {
            get { return _spool; }
        }

        /// <summary>This boot's number.</summary>
        public long BootCount
        {
            get { return _boot.Current; }
        }

        /// <summary>Records sealed since start-up.</summary>
        public int SealedCount
        {
            get { return _seal.SealedCount; }
        }

        /// <summary>Records receipted and deleted since start-up.</summary>
        public int UploadedCount
        {
            get { return _upload.Completed; }
        }

        /// <summary>Total bytes of every buffer the agent allocated at start-up (the budget is 48 KiB).</summary>
        public int BufferBytes
        {
            get
            {
                return _spool.BufferBytes + _sealer.BufferBytes + _client.BufferBytes + _seal.BufferBytes + _upload.BufferBytes
                    + _floor.BufferBytes + _boot.BufferBytes + _receiptDigest.Length;
            }
        }

        /// <summary>
        /// Boot (docs/agent.md §6): the recorder hand-off, the time floor and the first clock sample,
        /// the boot counter, spool recovery (<see cref="AgentBoot"/>), then the chain state. Queues a
        /// PowerLossRecovery record when an earlier run left state behind (every boot after the
        /// first starts a new monotonic timeline; the record marks the boundary in the chain).
        /// Retry-safe: after any status but Ok and ChainStateCorrupt, call it again later; a
        /// retried Start repeats only the steps not done yet and keeps this boot's number.
        /// </summary>
        public AgentStartStatus Start(long nowMs)
        {
            if (_started)
            {
                throw new InvalidOperationException("started already");
            }

            AgentStartStatus booted = _bootSteps.Run(nowMs);
            if (booted != AgentStartStatus.Ok)
            {
                return booted;
            }

            _seal.BootCount = _boot.Current;
            if (!_seal.Start(_report))
            {
                _platform.Log.Write(LogLevel.Error, Component, "chain state unreadable: nothing is sealed");
                return AgentStartStatus.ChainStateCorrupt;
            }

            // First in the queue (nothing is queued before Start), so it is the first record after
            // recovery and can declare the skipped numbers.
            if ((_report.StateFound || _report.SkippedCount > 0) && !_watch.Queue(ContinuityEvent.PowerLossRecovery, 0))
            {
                throw new InvalidOperationException("continuity queue full at boot");
            }

            _started = true;
            _platform.Log.Write(LogLevel.Info, Component, "started: boot " + _boot.Current.ToString() + ", " + _report.LiveRecords.ToString() + " records waiting, "
                + _report.Quarantined.ToString() + " quarantined, " + _config.ToString());
            return AgentStartStatus.Ok;
        }

        /// <summary>
        /// A time service that reports success calls this right after it set the clock (on the agent's
        /// thread, or between steps); the device's SNTP client reports nothing and relies on the step
        /// (docs/agent.md §1). A step it reveals is recorded as a ClockStep record; a sync that did not
        /// move the clock is not (the manifests that follow show the clock as valid).
        /// </summary>
        public void NotifyTimeSynced(long nowMs)
        {
            if (!_started)
            {
                // A step queued before Start would come before the power-loss record that must be first.
                throw new InvalidOperationException("Start first");
            }

            _watch.NotifySynced(nowMs);
        }

        /// <summary>The recorder signalled that the officer started recording. False when not queued (logged): the queue is full, or Start has not succeeded.</summary>
        public bool NotifyRecordingStarted()
        {
            return QueueSignal(ContinuityEvent.RecordingStart);
        }

        /// <summary>The recorder signalled that the officer stopped recording. False when not queued, as <see cref="NotifyRecordingStarted"/>.</summary>
        public bool NotifyRecordingStopped()
        {
            return QueueSignal(ContinuityEvent.RecordingStop);
        }

        /// <summary>A new configuration was applied (it takes effect at the next start); records it in the chain. False when not queued.</summary>
        public bool NotifyConfigChanged()
        {
            return QueueSignal(ContinuityEvent.ConfigChange);
        }

        /// <summary>
        /// One step at monotonic time <paramref name="nowMs"/> (Environment.TickCount64 on the device).
        /// Returns how long the caller may wait before the next step, in ms (0: call again now).
        /// </summary>
        public int Step(long nowMs)
        {
            if (!_started)
            {
                throw new InvalidOperationException("Start first");
            }

            _watch.Observe(nowMs);
            bool worked = SealOne(nowMs);
            UploadOutcome upload = UploadOne(nowMs);
            worked |= upload == UploadOutcome.Progress;
            Status = ChooseStatus(upload);
            if (worked)
            {
                return 0;
            }

            long untilAttempt = _upload.NextAttemptMs - nowMs;
            return untilAttempt > 0 && untilAttempt < AgentConstants.IdleWaitMs ? (int)untilAttempt : AgentConstants.IdleWaitMs;
        }

        private bool SealOne(long nowMs)
        {
            if (nowMs < _nextSealAttemptMs)
            {
                return false;
            }

            SealOutcome outcome = _seal.SealNext();
            _signerFailed = outcome == SealOutcome.SignerFailed;
            if (outcome == SealOutcome.Sealed)
            {
                _watch.Sealed(_seal.LastSealedEvent);
                return true;
            }

            if (outcome != SealOutcome.Idle)
            {
                _nextSealAttemptMs = nowMs + AgentConstants.SealRetryMs;
            }

            return false;
        }

        private UploadOutcome UploadOne(long nowMs)
        {
            if (!_clock.IsTrusted || !_platform.Link.IsUp)
            {
                if (_upload.Active)
                {
                    _upload.Suspend();
                }

                return UploadOutcome.Idle;
            }

            UploadOutcome outcome = _upload.Advance(nowMs);
            if (_upload.HasReceiptDigest)
            {
                _upload.CopyLastReceiptDigest(_receiptDigest, 0);
                _seal.SetLastReceiptDigest(_receiptDigest, 0);
            }

            return outcome;
        }

        private AgentStatus ChooseStatus(UploadOutcome upload)
        {
            if (_signerFailed || _upload.DeviceRefused)
            {
                return AgentStatus.CredentialError;
            }

            if (_storage.Level != StorageLevel.Normal)
            {
                return AgentStatus.StorageAlarm;
            }

            if (_spool.QuarantinedCount > 0 || _upload.QuarantinePending >= 0)
            {
                return AgentStatus.RecordQuarantined;
            }

            if (_spool.LiveCount == 0 && _queue.Count == 0)
            {
                return AgentStatus.Idle;
            }

            if (!_clock.IsTrusted)
            {
                return AgentStatus.WaitingForTime;
            }

            if (!_platform.Link.IsUp || upload == UploadOutcome.BackingOff)
            {
                return AgentStatus.WaitingForNetwork;
            }

            return _upload.Active ? AgentStatus.Uploading : AgentStatus.RecordingQueued;
        }

        private bool QueueSignal(ContinuityEvent kind)
        {
            if (!_started)
            {
                _platform.Log.Write(LogLevel.Warning, Component, "not started: " + kind.ToString() + " not recorded");
                return false;
            }

            return _watch.Queue(kind, 0);
        }
    }
}
