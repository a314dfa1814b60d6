using System;
using System.IO;
using CamAgent.Core.Cbor;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Segments;
using CamAgent.Core.Spool;
using CamAgent.Core.Time;

namespace CamAgent.Core.Agent
{
    /// <summary>
    /// Seals one record per call: queued continuity events first (in order), then the recorder's
    /// next finished segment. Each record takes a sequence number reserved in the spool, is sealed
    /// by the evidence <see cref="Sealer"/>, and is committed with the chain state after it. A failed
    /// commit is retried, before anything else is sealed, with the same record bytes (the spool's
    /// contract: once a commit began, a sequence number is signed once).
    /// A segment's time evidence spans from the last time the agent looked and found nothing ready
    /// (or boot) to the start of sealing: the recorder finished the file inside that interval
    /// (docs/agent.md §6).
    /// Buffers are allocated once, here.
    /// </summary>
    public sealed class SealStage
    {
        private readonly Spool.Spool _spool;
        private readonly SegmentSource _source;
        private readonly IFileStore _store;
        private readonly Sealer _sealer;
        private readonly ClockMonitor _clock;
        private readonly ContinuityQueue _queue;
        private readonly ILogSink _log;
        private readonly ChainState _chain = new ChainState();
        private readonly ChainState _chainBefore = new ChainState();
        private RecoveryReport _recovery;
        private readonly Manifest _manifest = new Manifest();
        private readonly SegmentFile _segment = new SegmentFile();
        private readonly TimeAttestation _time = new TimeAttestation();
        private readonly TimeMark _lastSeal = new TimeMark();
        private readonly TimeMark _now = new TimeMark();
        private readonly byte[] _record;
        private readonly byte[] _chainBytes = new byte[SpoolConstants.MaxChainStateBytes];
        private readonly CborWriter _chainWriter;
        private readonly CborReader _chainReader = new CborReader();
        private bool _commitPending;
        private long _pendingSequence;
        private SegmentFile _pendingSegment;
        private long _pendingContentLength;
        private int _pendingWritten;
        private ContinuityEvent _pendingEvent;
        private SpoolStatus _lastLogged = SpoolStatus.Ok;

        public SealStage(Spool.Spool spool, SegmentSource source, IFileStore store, Sealer sealer, ClockMonitor clock, ContinuityQueue queue, ILogSink log)
        {
            if (spool == null || source == null || store == null || sealer == null || clock == null || queue == null || log == null)
            {
                throw new ArgumentNullException("spool");
            }

            _spool = spool;
            _source = source;
            _store = store;
            _sealer = sealer;
            _clock = clock;
            _queue = queue;
            _log = log;
            _record = new byte[sealer.MaxRecordBytes];
            _chainWriter = new CborWriter(_chainBytes, 0, _chainBytes.Length);
        }

        /// <summary>Boot number written into every manifest.</summary>
        public long BootCount { get; set; }

        /// <summary>
        /// Id of the open (or most recent) recording, written into every manifest: the sequence
        /// number of its recording-start record (docs/evidence-format.md §3, key 7). 0 before the
        /// first recording of this boot.
        /// </summary>
        public long RecordingId { get; set; }

        /// <summary>Records sealed since start-up.</summary>
        public int SealedCount { get; private set; }

        /// <summary>Bytes of this stage's own buffers (the sealer reports its own).</summary>
        public int BufferBytes
        {
            get { return _record.Length + _chainBytes.Length; }
        }

        /// <summary>The event of the last continuity record sealed (None after a segment).</summary>
        public ContinuityEvent LastSealedEvent { get; private set; }

        /// <summary>The last SealStatus other than Ok, for diagnostics.</summary>
        public SealStatus LastSealStatus { get; private set; }

        /// <summary>
        /// Restores the chain from the spool's newest committed state (after <see cref="Spool.Spool.Recover"/>)
        /// and takes the current clock as the start of the first segment's interval. False when the
        /// stored chain state does not decode (the spool's checksum passed, so this is a bug).
        /// <paramref name="recovery"/> (kept, not copied) tells the power-loss record which numbers were skipped.
        /// </summary>
        public bool Start(RecoveryReport recovery)
        {
            if (recovery == null)
            {
                throw new ArgumentNullException("recovery");
            }

            _recovery = recovery;
            _clock.Capture(_lastSeal);
            int length = _spool.CopyChainState(_chainBytes, 0);
            if (length == 0)
            {
                return true;
            }

            return _chain.Decode(_chainBytes, 0, length, _chainReader) == EvidenceStatus.Ok;
        }

        /// <summary>
        /// Hands the SHA-256 of the newest verified receipt to the manifests that follow
        /// (docs/evidence-format.md: last receipt digest).
        /// </summary>
        public void SetLastReceiptDigest(byte[] digest, int offset)
        {
            Array.Copy(digest, offset, _manifest.LastReceiptDigest, 0, _manifest.LastReceiptDigest.Length);
            _manifest.HasLastReceiptDigest = true;
        }

        /// <summary>Seals the next record, if any. See <see cref="SealOutcome"/>.</summary>
        public SealOutcome SealNext()
        {
            if (_commitPending)
            {
                return TryCommit();
            }

            PendingEvent pending = _queue.Peek();
            if (pending != null)
            {
                return SealContinuity(pending);
            }

            bool found;
            if (_source.FindNext(_spool.HighestSealedRecorderSequence, _segment, out found) != StoreStatus.Ok)
            {
                return SealOutcome.Blocked;
            }

            if (!found)
            {
                // Nothing was ready now: whatever the recorder finishes next, it finished after this instant.
                _clock.Capture(_lastSeal);
                return SealOutcome.Idle;
            }

            return SealSegment();
        }

        private SealOutcome SealContinuity(PendingEvent pending)
        {
            long sequence;
            if (!Reserve(out sequence))
            {
                return SealOutcome.Blocked;
            }

            _time.Set(pending.Mark, pending.Mark);
            ManifestTime.Fill(_manifest, _time);
            _manifest.Event = pending.Event;
            _manifest.EventDetail = pending.Event == ContinuityEvent.ClockStep || pending.Event == ContinuityEvent.RecordQuarantined ? pending.Detail : 0;
            _manifest.Truncated = false;

            // A recording-start record opens the recording its own sequence number names; every
            // other record belongs to the open (or most recent) one (docs/evidence-format.md §3, key 7).
            _manifest.RecordingId = pending.Event == ContinuityEvent.RecordingStart ? sequence : RecordingId;
            if (pending.Event == ContinuityEvent.PowerLossRecovery)
            {
                // Declares the numbers skipped by cut commits (docs/evidence-format.md §5.1).
                _chain.CopyFrom(_chainBefore);
                RecoveryRecord.Prepare(_recovery, sequence, _chain, _manifest);
            }

            int written;
            SealStatus status = _sealer.SealContinuity(_manifest, _chain, _record, 0, _record.Length, out written);
            return Commit(status, sequence, null, 0, written, pending.Event);
        }

        private SealOutcome SealSegment()
        {
            long sequence;
            if (!Reserve(out sequence))
            {
                return SealOutcome.Blocked;
            }

            Stream content;
            if (_store.OpenRead(_segment.Path, out content) != StoreStatus.Ok)
            {
                _log.Write(LogLevel.Warning, "agent", "segment " + _segment.RecorderSequence.ToString() + " unreadable; retried later");
                return SealOutcome.Blocked;
            }

            _clock.Capture(_now);

            // A window that opened before this boot's first sync is dated through the monotonic clock.
            _clock.Backdate(_lastSeal);
            _time.Set(_lastSeal, _now);
            ManifestTime.Fill(_manifest, _time);
            _manifest.RecordingId = RecordingId;
            _manifest.Truncated = _segment.Truncated;
            _manifest.EventDetail = 0;
            int written;
            SealStatus status;
            try
            {
                status = _sealer.SealSegment(content, _manifest, _chain, _record, 0, _record.Length, out written);
            }
            finally
            {
                content.Dispose();
            }

            return Commit(status, sequence, _segment, _manifest.ContentLength, written, ContinuityEvent.None);
        }

        private bool Reserve(out long sequence)
        {
            SpoolStatus status = _spool.ReserveSequence(out sequence);
            if (status != SpoolStatus.Ok)
            {
                // QueueFull: finished segments wait, unsealed but safe, in the recorder's directory.
                LogOnce(status, "no sequence number (" + status.ToString() + "): sealing waits");
                return false;
            }

            // The spool is the authority on sequence numbers: numbers skipped after a power cut stay skipped.
            _chainBefore.CopyFrom(_chain);
            _chain.Set(sequence, _chainBefore.PreviousRecordDigest, 0);
            _manifest.BootCount = BootCount;
            return true;
        }

        private SealOutcome Commit(SealStatus status, long sequence, SegmentFile segment, long contentLength, int written, ContinuityEvent kind)
        {
            if (status != SealStatus.Ok)
            {
                _chain.CopyFrom(_chainBefore);
                LastSealStatus = status;
                return status == SealStatus.SignerFailed ? SealOutcome.SignerFailed : SealOutcome.Blocked;
            }

            _chainWriter.Reset(_chainBytes, 0, _chainBytes.Length);
            if (_chain.Encode(_chainWriter) != EvidenceStatus.Ok)
            {
                throw new InvalidOperationException("chain state does not fit its buffer");
            }

            _commitPending = true;
            _pendingSequence = sequence;
            _pendingSegment = segment;
            _pendingContentLength = contentLength;
            _pendingWritten = written;
            _pendingEvent = kind;
            return TryCommit();
        }

        /// <summary>Commits the sealed record held in the buffers; on failure it stays held for the next call.</summary>
        private SealOutcome TryCommit()
        {
            SpoolStatus committed = _spool.CommitSealed(_pendingSequence, _pendingSegment, _pendingContentLength, _record, 0, _pendingWritten,
                _chainBytes, 0, _chainWriter.Length);
            if (committed != SpoolStatus.Ok)
            {
                LogOnce(committed, "record " + _pendingSequence.ToString() + " not committed (" + committed.ToString() + "); retried with the same bytes");
                return SealOutcome.Blocked;
            }

            _commitPending = false;
            _lastLogged = SpoolStatus.Ok;
            SealedCount++;
            LastSealedEvent = _pendingEvent;
            if (_pendingSegment != null)
            {
                _lastSeal.CopyFrom(_now);
                return SealOutcome.Sealed;
            }

            if (_pendingEvent == ContinuityEvent.RecordingStart)
            {
                RecordingId = _pendingSequence;
            }

            _queue.Dequeue();
            return SealOutcome.Sealed;
        }

        /// <summary>Logs a storage refusal when it differs from the last one logged (a full card is retried every few seconds).</summary>
        private void LogOnce(SpoolStatus status, string message)
        {
            if (status != _lastLogged)
            {
                _lastLogged = status;
                _log.Write(LogLevel.Warning, "agent", message);
            }
        }
    }
}
