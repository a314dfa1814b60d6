using System;
using System.IO;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Evidence;
using CamAgent.Core.Persistence;
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
    /// deleted without a receipt the client's checker accepted. A permanent refusal of one record
    /// (<see cref="RejectionScope.Record"/>) quarantines it: the caller seals a continuity record
    /// that declares it (<see cref="QuarantinePending"/>, <see cref="DeclarationSealed"/>), then the
    /// record leaves the queue, kept on the card, and the records after it go on. A refusal of the
    /// device keeps every record, raises <see cref="DeviceRefused"/> and waits the maximum
    /// back-off, so a server fault cannot make the device drop or skip evidence. The caller only
    /// calls <see cref="Advance"/> when the clock is trusted and the link is up.
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
        private readonly QuarantineStep _quarantine;
        private long _active = -1;
        private int _manifestCount;
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
            _quarantine = new QuarantineStep(spool);
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

        /// <summary>Sequence of a refused record waiting for the continuity record that declares its quarantine; -1 when none. Uploads wait meanwhile.</summary>
        public long QuarantinePending
        {
            get { return _quarantine.Pending; }
        }

        /// <summary>True since the server refused the device itself, until a record is receipted again (the credential alarm).</summary>
        public bool DeviceRefused { get; private set; }

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

        /// <summary>The continuity record declaring <see cref="QuarantinePending"/> is committed: the record may leave the queue.</summary>
        public void DeclarationSealed()
        {
            _quarantine.DeclarationSealed();
        }

        /// <summary>Does one piece of upload work at monotonic time <paramref name="nowMs"/>.</summary>
        public UploadOutcome Advance(long nowMs)
        {
            if (nowMs < NextAttemptMs)
            {
                return UploadOutcome.BackingOff;
            }

            if (_quarantine.Pending >= 0)
            {
                return _quarantine.Declared ? Quarantine(nowMs) : UploadOutcome.Idle;
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

            return Refused(nowMs);
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

            int chainCount;
            SpoolStatus read = _spool.ReadManifest(_entry.Sequence, _manifest, 0, out _manifestCount, _chainBytes, 0, out chainCount);
            if (read != SpoolStatus.Ok)
            {
                _log.Write(LogLevel.Warning, "agent", "record " + _entry.Sequence.ToString() + " unreadable (" + read.ToString() + "); retried later");
                return BackOff(nowMs, _maxBackoffMs);
            }

            Stream content = null;
            SpoolStatus opened = _entry.Kind == RecordKind.Segment ? _spool.OpenContent(_entry.Sequence, out content) : SpoolStatus.Ok;
            if (opened != SpoolStatus.Ok)
            {
                _log.Write(LogLevel.Warning, "agent", "content of record " + _entry.Sequence.ToString() + " unreadable (" + opened.ToString() + "); retried later");
                return BackOff(nowMs, AgentConstants.SealRetryMs);
            }

            _content = content;
            _active = _entry.Sequence;
            _journalledOffset = _entry.UploadOffsetBytes;
            _client.Begin(NewJob(_manifestCount, chainCount, content));
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
            DeviceRefused = false;
            _quarantine.Receipted();
            if (committed != SpoolStatus.Ok)
            {
                // The server keeps the receipt: the next attempt gets it again with HEAD.
                _log.Write(LogLevel.Warning, "agent", "receipt of record " + sequence.ToString() + " not committed (" + committed.ToString() + "); asked again later");
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
                PersistStatus saved = _clock.Floor.Advance(_receipt.ServerTimeMs - TimeConstants.AuthenticatedFloorMarginMs);
                if (saved != PersistStatus.Ok)
                {
                    // Advance's contract: the raised floor holds in memory; the next receipt saves it.
                    _log.Write(LogLevel.Warning, "agent", "time floor raised but not saved (" + saved.ToString() + ")");
                }

                _clock.NoteAuthenticatedTime(_receipt.ServerTimeMs, nowMs);
            }
        }

        private UploadOutcome Delete(long nowMs, long sequence)
        {
            SpoolStatus deleted = _spool.DeleteReceipted(sequence);
            if (deleted != SpoolStatus.Ok)
            {
                _log.Write(LogLevel.Warning, "agent", "record " + sequence.ToString() + " not deleted (" + deleted.ToString() + "); retried later");
                return BackOff(nowMs, AgentConstants.SealRetryMs);
            }

            return UploadOutcome.Progress;
        }

        /// <summary>A permanent refusal (docs/upload-protocol.md §7): quarantine the record, or keep everything and raise the alarm.</summary>
        private UploadOutcome Refused(long nowMs)
        {
            Rejections++;
            long sequence = _active;
            RejectionScope scope = RejectionRules.ScopeOf(_client.Failure, _client.LastErrorCode);
            if (scope == RejectionScope.Record && !_quarantine.MayQuarantine(_entry.Kind, _manifest, _manifestCount))
            {
                scope = RejectionScope.Device;
            }

            EndRecord();
            string reason = _client.Failure.ToString() + ", HTTP " + _client.LastStatusCode.ToString()
                + (_client.LastErrorCode == null ? "" : " " + _client.LastErrorCode);
            if (scope == RejectionScope.Record)
            {
                _quarantine.Begin(sequence);
                _log.Write(LogLevel.Error, "agent", "record " + sequence.ToString() + " refused (" + reason + "): quarantined on the card; the records after it go on");
                return UploadOutcome.Progress;
            }

            DeviceRefused |= scope == RejectionScope.Device;
            _log.Write(LogLevel.Error, "agent", "record " + sequence.ToString() + " refused (" + reason + ", " + scope.ToString() + "): every record is kept and tried again later");
            return BackOff(nowMs, _maxBackoffMs);
        }

        private UploadOutcome Quarantine(long nowMs)
        {
            long sequence = _quarantine.Pending;
            SpoolStatus moved = _quarantine.Finish();
            if (moved != SpoolStatus.Ok)
            {
                _log.Write(LogLevel.Warning, "agent", "record " + sequence.ToString() + " not quarantined (" + moved.ToString() + "); retried later");
                return BackOff(nowMs, AgentConstants.SealRetryMs);
            }

            _log.Write(LogLevel.Warning, "agent", "record " + sequence.ToString() + " quarantined as " + Spool.Spool.QuarantineFileName(sequence) + " in the spool directory (docs/agency-it-guide.md)");
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
