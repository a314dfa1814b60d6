using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Segments;
using CamAgent.Core.Storage;

namespace CamAgent.Core.Spool
{
    /// <summary>
    /// The device's power-loss-safe queue of sealed records (docs/agent-storage.md). It hands out
    /// device sequence numbers (marked used durably before any record byte is written, never
    /// reused), persists the chain state, keeps each sealed manifest and its receipt in files committed by
    /// write-new-then-rename, and deletes a segment only after a receipt was committed.
    /// Life of a record: recorded (a <see cref="SegmentFile"/>) → <see cref="ReserveSequence"/> →
    /// seal → <see cref="CommitSealed"/> → <see cref="RecordUploadProgress"/>... →
    /// <see cref="CommitReceipt"/> → <see cref="DeleteReceipted"/>.
    /// Call <see cref="Recover"/> at every boot before anything else. Not thread-safe: one agent
    /// loop owns it. All buffers are allocated here (<see cref="BufferBytes"/>).
    /// State changes live in this file, read access in Spool.Queries.cs, quarantine in Spool.Quarantine.cs.
    /// </summary>
    public sealed partial class Spool
    {
        private const string StateDirectoryName = "STATE";

        private readonly IFileStore _store;
        private readonly string _segmentDirectory;
        private readonly StateJournal _journal;
        private readonly SpoolFiles _files;
        private readonly SpoolIndex _index;
        private readonly SpoolState _state = new SpoolState();
        private readonly byte[] _stateBuffer = new byte[SpoolState.MaxBytes];
        private readonly SpoolRecovery _recovery;

        private bool _recovered;
        private long _next;
        private long _pending = -1;
        private bool _commitStarted;
        private uint _commitManifestCrc;
        private long _persistedChainHead = -1;
        private bool _stateDirty;
        private int _quarantined;

        /// <param name="store">The volume holding the recorder's segments and the spool.</param>
        /// <param name="spoolDirectory">Directory owned by the spool (store path, 8.3 name).</param>
        /// <param name="segmentDirectory">The recorder's segment directory (see <see cref="SegmentSource"/>).</param>
        public Spool(IFileStore store, string spoolDirectory, string segmentDirectory)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (spoolDirectory == null || spoolDirectory.Length == 0 || segmentDirectory == null)
            {
                throw new ArgumentException("spoolDirectory");
            }

            _store = store;
            _segmentDirectory = segmentDirectory;
            _journal = new StateJournal(store, StoreNames.Join(spoolDirectory, StateDirectoryName), SpoolState.MaxBytes);
            _files = new SpoolFiles(store, spoolDirectory);
            _index = new SpoolIndex(SpoolConstants.MaxLiveRecords);
            _recovery = new SpoolRecovery(store, spoolDirectory, segmentDirectory, _files, _index, _state);
        }

        /// <summary>Bytes this spool holds in buffers (journal frame, record frame, live table, state).</summary>
        public int BufferBytes
        {
            get { return _journal.BufferBytes + _files.BufferBytes + _index.BufferBytes + _stateBuffer.Length + _state.ChainState.Length; }
        }

        /// <summary>Records in the spool (sealed, uploading, receipted, or with missing content).</summary>
        public int LiveCount
        {
            get { return _index.Count; }
        }

        /// <summary>Sequence of the newest committed record (-1: none yet).</summary>
        public long ChainHeadSequence
        {
            get { return _state.ChainHeadSequence; }
        }

        /// <summary>Bytes of chain state committed with the newest record (0: none yet).</summary>
        public int ChainStateLength
        {
            get { return _state.ChainStateLength; }
        }

        /// <summary>Recorder sequence of the newest sealed segment (-1: none): pass it to <see cref="SegmentSource.FindNext"/>.</summary>
        public long HighestSealedRecorderSequence
        {
            get { return _state.HighestSealedRecorderSequence; }
        }

        /// <summary>
        /// Rebuilds the spool from the card: newest valid journal state, reconciled with the record
        /// files present; removes unfinished writes and completes interrupted deletions; skips
        /// every sequence number that may have been used. Safe to call again after any failure,
        /// including a power cut during recovery. Statuses: Ok, IoError, DeviceRemoved. When the
        /// scan succeeded but saving the reconciled state did not (StorageFull, IoError), the spool
        /// is recovered and usable and saves the state with its next change.
        /// </summary>
        public SpoolStatus Recover(RecoveryReport report)
        {
            if (report == null)
            {
                throw new ArgumentNullException("report");
            }

            report.Reset();
            _recovered = false;
            _pending = -1;
            _commitStarted = false;
            _index.Clear();
            _state.Clear();
            int length;
            bool found;
            StoreStatus status = _journal.Load(_stateBuffer, 0, out length, out found);
            if (status != StoreStatus.Ok)
            {
                return SpoolStatuses.From(status);
            }

            report.StateFound = found && _state.Decode(_stateBuffer, 0, length);
            if (found && !report.StateFound)
            {
                report.CorruptFiles++;
                _state.Clear();
            }

            _persistedChainHead = _state.ChainHeadSequence;
            status = _recovery.Run(report);
            if (status != StoreStatus.Ok)
            {
                return SpoolStatuses.From(status);
            }

            _next = _state.ReservedEnd;
            _quarantined = report.Quarantined;
            _recovered = true;
            return SaveState();
        }

        /// <summary>
        /// Returns the sequence number the next record takes: the one after the newest committed
        /// record, or after the last number whose commit had begun before a power cut (such a
        /// number may have reached the card inside signed record bytes, so it is never handed out
        /// again). Nothing is written: until a commit of it begins, asking again returns the same
        /// number, and after a reboot too. Seal with it, then <see cref="CommitSealed"/>; never
        /// publish a record before that commit. Statuses: Ok, QueueFull, SequenceExhausted.
        /// </summary>
        public SpoolStatus ReserveSequence(out long sequence)
        {
            EnsureRecovered();
            sequence = -1;
            if (_pending >= 0)
            {
                sequence = _pending;
                return SpoolStatus.Ok;
            }

            if (_index.Count == _index.Capacity)
            {
                return SpoolStatus.QueueFull;
            }

            if (_next > StoreNames.MaxHexNumber)
            {
                return SpoolStatus.SequenceExhausted;
            }

            _pending = _next;
            _next++;
            sequence = _pending;
            return SpoolStatus.Ok;
        }

        /// <summary>
        /// Commits the record sealed with the reserved <paramref name="sequence"/>: its manifest
        /// (COSE_Sign1 bytes), the chain state after it, and for a segment the content file and the
        /// exact number of bytes the manifest covers (<paramref name="segment"/> null: continuity
        /// record, no content). Write-ahead: before any record byte is written, the journal durably
        /// marks the sequence as used, so it is never handed out again, even if this commit is cut.
        /// Statuses: Ok, StorageFull, IoError, DeviceRemoved. On any but Ok nothing is committed;
        /// retry with the same record bytes (a sequence number is signed once: once record bytes
        /// may have reached the card, a different record for the same number is refused with an
        /// exception).
        /// </summary>
        public SpoolStatus CommitSealed(long sequence, SegmentFile segment, long contentLengthBytes,
            byte[] manifest, int manifestOffset, int manifestCount, byte[] chainState, int chainOffset, int chainCount)
        {
            EnsureRecovered();
            CheckCommitArguments(sequence, segment, contentLengthBytes, manifest, manifestOffset, manifestCount, chainState, chainOffset, chainCount);
            bool retry = _commitStarted;
            if (retry && Crc32.Compute(manifest, manifestOffset, manifestCount) != _commitManifestCrc)
            {
                throw new InvalidOperationException("a sequence number is signed once: retry the commit with the same record");
            }

            if (!retry)
            {
                if (_state.ReservedEnd <= sequence)
                {
                    _state.ReservedEnd = sequence + 1;
                }

                SpoolStatus saved = SaveState();
                if (saved != SpoolStatus.Ok)
                {
                    return saved;
                }

                _commitStarted = true;
            }

            RecordKind kind = segment == null ? RecordKind.Continuity : RecordKind.Segment;
            long recorderSequence = segment == null ? -1 : segment.RecorderSequence;
            bool truncated = segment != null && segment.Truncated;
            StoreStatus status = _files.CommitManifest(sequence, kind, recorderSequence, truncated, contentLengthBytes,
                chainState, chainOffset, chainCount, manifest, manifestOffset, manifestCount);
            if (status != StoreStatus.Ok)
            {
                // Only a retry compares record bytes, so only a failed commit pays for their CRC.
                if (!retry)
                {
                    _commitManifestCrc = Crc32.Compute(manifest, manifestOffset, manifestCount);
                }

                return SpoolStatuses.From(status);
            }

            _index.Add(sequence, kind, RecordState.Sealed, recorderSequence, contentLengthBytes, truncated);
            _state.SetChain(sequence, chainState, chainOffset, chainCount);
            if (recorderSequence > _state.HighestSealedRecorderSequence)
            {
                _state.HighestSealedRecorderSequence = recorderSequence;
            }

            _pending = -1;
            _commitStarted = false;

            // The manifest file is the commit point and recovery rebuilds the journal from it: the
            // journal catches up with the next save (at the latest before this record is deleted).
            _stateDirty = true;
            return SpoolStatus.Ok;
        }

        /// <summary>
        /// Records that the server acknowledged <paramref name="offsetBytes"/> of the record's
        /// content (one journal write: call it at chunk boundaries the caller chooses).
        /// Statuses: Ok, UnknownSequence, WrongState, StorageFull, IoError, DeviceRemoved.
        /// </summary>
        public SpoolStatus RecordUploadProgress(long sequence, long offsetBytes)
        {
            EnsureRecovered();
            int slot = _index.IndexOf(sequence);
            if (slot < 0)
            {
                return SpoolStatus.UnknownSequence;
            }

            RecordState state = _index.State(slot);
            if (state != RecordState.Sealed && state != RecordState.Uploading)
            {
                return SpoolStatus.WrongState;
            }

            if (offsetBytes < 0 || offsetBytes > _index.ContentLength(slot))
            {
                throw new ArgumentOutOfRangeException("offsetBytes");
            }

            _index.SetState(slot, RecordState.Uploading);
            _state.UploadSequence = sequence;
            _state.UploadOffsetBytes = offsetBytes;
            return SaveState();
        }

        /// <summary>
        /// Commits the receipt for <paramref name="sequence"/>. The caller has verified it (ES256
        /// against the pinned receipt key, fields matching the record): the spool stores what it
        /// is given. Statuses: Ok, UnknownSequence, WrongState, StorageFull, IoError, DeviceRemoved.
        /// </summary>
        public SpoolStatus CommitReceipt(long sequence, byte[] receipt, int offset, int count)
        {
            EnsureRecovered();
            Bytes.CheckRange(receipt, offset, count);
            if (count == 0 || count > SpoolConstants.MaxReceiptBytes)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            int slot = _index.IndexOf(sequence);
            if (slot < 0)
            {
                return SpoolStatus.UnknownSequence;
            }

            RecordState state = _index.State(slot);
            if (state != RecordState.Sealed && state != RecordState.Uploading)
            {
                return SpoolStatus.WrongState;
            }

            StoreStatus status = _files.CommitReceipt(sequence, receipt, offset, count);
            if (status != StoreStatus.Ok)
            {
                return SpoolStatuses.From(status);
            }

            _index.SetState(slot, RecordState.Receipted);
            if (_state.UploadSequence == sequence)
            {
                _state.UploadSequence = -1;
                _state.UploadOffsetBytes = 0;
            }

            return SpoolStatus.Ok;
        }

        /// <summary>
        /// Deletes a receipted record: content first, then manifest, then receipt, so that a cut
        /// at any point leaves either the whole record or a receipt that recovery finishes.
        /// Statuses: Ok, UnknownSequence, WrongState (no receipt: never deleted), StorageFull, IoError, DeviceRemoved.
        /// </summary>
        public SpoolStatus DeleteReceipted(long sequence)
        {
            EnsureRecovered();
            int slot = _index.IndexOf(sequence);
            if (slot < 0)
            {
                return SpoolStatus.UnknownSequence;
            }

            if (_index.State(slot) != RecordState.Receipted)
            {
                return SpoolStatus.WrongState;
            }

            // Once the manifest is gone, only the journal remembers the chain and the sequence.
            if (_stateDirty || _persistedChainHead < sequence)
            {
                SpoolStatus saved = SaveState();
                if (saved != SpoolStatus.Ok)
                {
                    return saved;
                }
            }

            StoreStatus status = StoreStatus.Ok;
            if (_index.Kind(slot) == RecordKind.Segment)
            {
                status = _store.Delete(ContentPath(slot));
            }

            if (SpoolStatuses.IsGone(status))
            {
                status = _store.Delete(_files.Path(sequence, SpoolFiles.ManifestExtension));
            }

            if (SpoolStatuses.IsGone(status))
            {
                status = _store.Delete(_files.Path(sequence, SpoolFiles.ReceiptExtension));
            }

            if (!SpoolStatuses.IsGone(status))
            {
                return SpoolStatuses.From(status);
            }

            _index.RemoveAt(slot);
            return SpoolStatus.Ok;
        }

        private void CheckCommitArguments(long sequence, SegmentFile segment, long contentLengthBytes,
            byte[] manifest, int manifestOffset, int manifestCount, byte[] chainState, int chainOffset, int chainCount)
        {
            if (sequence != _pending || _pending < 0)
            {
                throw new InvalidOperationException("commit of an unreserved sequence");
            }

            Bytes.CheckRange(manifest, manifestOffset, manifestCount);
            Bytes.CheckRange(chainState, chainOffset, chainCount);
            if (manifestCount == 0 || manifestCount > SpoolConstants.MaxManifestBytes || chainCount > SpoolConstants.MaxChainStateBytes
                || contentLengthBytes < 0 || (segment == null && contentLengthBytes != 0))
            {
                throw new ArgumentOutOfRangeException("manifestCount");
            }
        }

        private string ContentPath(int slot)
        {
            return SegmentSource.ContentPath(_segmentDirectory, _index.RecorderSequence(slot), _index.Truncated(slot));
        }

        private SpoolStatus SaveState()
        {
            int length = _state.Encode(_stateBuffer, 0);
            StoreStatus status = _journal.Save(_stateBuffer, 0, length);
            _stateDirty = status != StoreStatus.Ok;
            if (!_stateDirty)
            {
                _persistedChainHead = _state.ChainHeadSequence;
            }

            return SpoolStatuses.From(status);
        }

        private void EnsureRecovered()
        {
            if (!_recovered)
            {
                throw new InvalidOperationException("Recover before use");
            }
        }
    }
}
