using System;
using System.IO;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Spool;
using CamAgent.Core.Time;
using CamAgent.Core.Upload;

namespace CamAgent.Core.Agent
{
    /// <summary>
    /// Uploads the spool's records strictly in sequence order, one <see cref="TusClient"/> step per
    /// call, and finishes each: commit the verified receipt, raise the time floor to the receipt's
    /// server time (authenticated time, docs/agent.md §1), then delete the record. A record is never
    /// deleted without a receipt the client's checker accepted. A permanent rejection keeps the
    /// record and waits the maximum back-off before trying it again, so a server fault cannot make
    /// the device drop or skip evidence. The caller only calls <see cref="Advance"/> when the
    /// clock is trusted and the link is up.
    /// </summary>
    public sealed class UploadStage
    {
        private readonly Spool.Spool _spool;
        private readonly TusClient _client;
        private readonly ClockMonitor _clock;
        private readonly ILogSink _log;
        private readonly int _maxBackoffMs;
        private readonly SpoolEntry _entry = new SpoolEntry();
        private readonly byte[] _manifest = new byte[SpoolConstants.MaxManifestBytes];
        private readonly byte[] _chainBytes = new byte[SpoolConstants.MaxChainStateBytes];
        private readonly ChainState _chainAfter = new ChainState();
        private readonly byte[] _receiptDigest = new byte[Sha256.DigestSizeBytes];
        private readonly Sha256 _sha = new Sha256();
        private readonly CoseSign1Message _cose = new CoseSign1Message();
        private readonly Receipt _receipt = new Receipt();
        private readonly CborReader _reader = new CborReader();
        private long _active = -1;
        private Stream _content;
        private long _journalledOffset;

        public UploadStage(Spool.Spool spool, TusClient client, ClockMonitor clock, ILogSink log, int maxBackoffMs)
        {
            if (spool == null || client == null || clock == null || log == null)
            {
                throw new ArgumentNullException("spool");
            }

            _spool = spool;
            _client = client;
            _clock = clock;
            _log = log;
            _maxBackoffMs = maxBackoffMs;
        }

        /// <summary>Monotonic ms before which no attempt is made.</summary>
        public long NextAttemptMs { get; private set; }

        /// <summary>True while a record is being uploaded.</summary>
        public bool Active
        {
            get { return _active >= 0; }
        }

        /// <summary>Records receipted and deleted since start-up.</summary>
        public int Completed { get; private set; }

        /// <summary>Records the server rejected permanently since start-up (they stay on the device).</summary>
        public int Rejections { get; private set; }

        /// <summary>True once a receipt digest is available for <see cref="CopyLastReceiptDigest"/>.</summary>
        public bool HasReceiptDigest { get; private set; }

        public int BufferBytes
        {
            get { return _manifest.Length + _chainBytes.Length + _receiptDigest.Length; }
        }

        /// <summary>Copies SHA-256 of the newest committed receipt.</summary>
        public void CopyLastReceiptDigest(byte[] into, int offset)
        {
            Array.Copy(_receiptDigest, 0, into, offset, _receiptDigest.Length);
        }

        /// <summary>Does one piece of upload work at monotonic time <paramref name="nowMs"/>.</summary>
        public UploadOutcome Advance(long nowMs)
        {
            if (nowMs < NextAttemptMs)
            {
                return UploadOutcome.BackingOff;
            }

            if (_active < 0)
            {
                return BeginOldest(nowMs);
            }

            UploadStatus status = _client.Step();
            if (status == UploadStatus.InProgress)
            {
                JournalProgress();
                return UploadOutcome.Progress;
            }

            if (status == UploadStatus.RetryLater)
            {
                return BackOff(nowMs, _client.RetryDelayMs < _maxBackoffMs ? _client.RetryDelayMs : _maxBackoffMs);
            }

            if (status == UploadStatus.Completed)
            {
                return Finish(nowMs);
            }

            Rejections++;
            _log.Write(LogLevel.Error, "agent", "server rejected the oldest record permanently (" + _client.Failure.ToString() + "); it is kept and retried later");
            EndRecord();
            return BackOff(nowMs, _maxBackoffMs);
        }

        /// <summary>Drops the connection and the record in progress (the next attempt resumes with HEAD).</summary>
        public void Suspend()
        {
            _client.Close();
            EndRecord();
        }

        private UploadOutcome BeginOldest(long nowMs)
        {
            if (!_spool.GetOldest(_entry))
            {
                return UploadOutcome.Idle;
            }

            if (_entry.State == RecordState.Receipted)
            {
                return Delete(nowMs, _entry.Sequence);
            }

            if (_entry.State == RecordState.ContentMissing)
            {
                _log.Write(LogLevel.Error, "agent", "oldest record's content is missing from the card; uploads are held");
                return BackOff(nowMs, _maxBackoffMs);
            }

            int manifestCount;
            int chainCount;
            if (_spool.ReadManifest(_entry.Sequence, _manifest, 0, out manifestCount, _chainBytes, 0, out chainCount) != SpoolStatus.Ok)
            {
                return BackOff(nowMs, _maxBackoffMs);
            }

            Stream content = null;
            if (_entry.Kind == RecordKind.Segment && _spool.OpenContent(_entry.Sequence, out content) != SpoolStatus.Ok)
            {
                return BackOff(nowMs, AgentConstants.SealRetryMs);
            }

            _content = content;
            _active = _entry.Sequence;
            _journalledOffset = _entry.UploadOffsetBytes;
            _client.Begin(NewJob(manifestCount, chainCount, content));
            return UploadOutcome.Progress;
        }

        // The chain state committed with the record is the sealer's state right after it: its
        // previous-record digest is this record's digest, computed once when it was sealed
        // (docs/evidence-format.md §3.3). Without a state that says so, the checker hashes the manifest.
        private UploadJob NewJob(int manifestCount, int chainCount, Stream content)
        {
            if (chainCount > 0 && _chainAfter.Decode(_chainBytes, 0, chainCount, _reader) == EvidenceStatus.Ok
                && _chainAfter.NextSequence == _entry.Sequence + 1)
            {
                return new UploadJob(_entry.Sequence, _manifest, 0, manifestCount, content, _entry.ContentLengthBytes, _chainAfter.PreviousRecordDigest);
            }

            return new UploadJob(_entry.Sequence, _manifest, 0, manifestCount, content, _entry.ContentLengthBytes);
        }

        private void JournalProgress()
        {
            long acknowledged = _client.AcknowledgedOffset;
            if (acknowledged - _journalledOffset >= AgentConstants.ProgressJournalIntervalBytes)
            {
                if (_spool.RecordUploadProgress(_active, acknowledged) == SpoolStatus.Ok)
                {
                    _journalledOffset = acknowledged;
                }
            }
        }

        private UploadOutcome Finish(long nowMs)
        {
            long sequence = _active;
            byte[] receipt = _client.Receipt;
            int length = _client.ReceiptLength;
            SpoolStatus committed = _spool.CommitReceipt(sequence, receipt, 0, length);
            EndRecord();
            if (committed != SpoolStatus.Ok)
            {
                // The server keeps the receipt: the next attempt gets it again with HEAD.
                return BackOff(nowMs, AgentConstants.SealRetryMs);
            }

            _sha.Reset();
            _sha.Update(receipt, 0, length);
            _sha.Final(_receiptDigest, 0);
            HasReceiptDigest = true;
            NoteAuthenticatedTime(receipt, length, nowMs);
            Completed++;
            return Delete(nowMs, sequence);
        }

        // The receipt's server time raises the floor and, when the clock agrees with it, anchors the
        // bound later SNTP steps are judged against (docs/agent.md §1, "Judging SNTP").
        private void NoteAuthenticatedTime(byte[] receipt, int length, long nowMs)
        {
            // The client's checker verified this receipt's signature; its server time is authenticated.
            int badKey;
            if (_cose.Decode(receipt, 0, length) == CoseStatus.Ok
                && _receipt.Decode(_cose.Buffer, _cose.PayloadOffset, _cose.PayloadLength, _reader, out badKey) == EvidenceStatus.Ok)
            {
                _clock.Floor.Advance(_receipt.ServerTimeMs - TimeConstants.AuthenticatedFloorMarginMs);
                _clock.NoteAuthenticatedTime(_receipt.ServerTimeMs, nowMs);
            }
        }

        private UploadOutcome Delete(long nowMs, long sequence)
        {
            if (_spool.DeleteReceipted(sequence) != SpoolStatus.Ok)
            {
                return BackOff(nowMs, AgentConstants.SealRetryMs);
            }

            return UploadOutcome.Progress;
        }

        private UploadOutcome BackOff(long nowMs, int delayMs)
        {
            NextAttemptMs = nowMs + delayMs;
            return UploadOutcome.BackingOff;
        }

        private void EndRecord()
        {
            if (_content != null)
            {
                _content.Dispose();
                _content = null;
            }

            _active = -1;
        }
    }
}
