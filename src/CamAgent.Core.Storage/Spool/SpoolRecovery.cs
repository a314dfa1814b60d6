using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Segments;
using CamAgent.Core.Storage;

namespace CamAgent.Core.Spool
{
    /// <summary>
    /// Rebuilds the spool after boot from its journal and the files actually present
    /// (docs/agent-storage.md, "Recovery"). Files are the truth, the journal a durable cache:
    /// a committed manifest newer than the journal wins, sequence numbers seen anywhere are never
    /// handed out again, and interrupted deletions of receipted records are completed.
    /// </summary>
    internal sealed class SpoolRecovery
    {
        private readonly IFileStore _store;
        private readonly string _directory;
        private readonly string _segmentDirectory;
        private readonly SpoolFiles _files;
        private readonly SpoolIndex _index;
        private readonly SpoolState _state;

        private long _highestNamed;
        private long _newestValid;

        internal SpoolRecovery(IFileStore store, string directory, string segmentDirectory, SpoolFiles files, SpoolIndex index, SpoolState state)
        {
            _store = store;
            _directory = directory;
            _segmentDirectory = segmentDirectory;
            _files = files;
            _index = index;
            _state = state;
        }

        /// <summary>Scans and repairs; the state and index are filled on Ok. Statuses: Ok, IoError, DeviceRemoved, StorageFull.</summary>
        internal StoreStatus Run(RecoveryReport report)
        {
            StoreStatus status = _store.CreateDirectory(_directory);
            string[] names = null;
            if (status == StoreStatus.Ok)
            {
                status = _store.List(_directory, out names);
            }

            if (status != StoreStatus.Ok)
            {
                return status;
            }

            _highestNamed = -1;
            _newestValid = -1;
            status = ScanManifests(names, report);
            if (status == StoreStatus.Ok)
            {
                status = ScanReceipts(names, report);
            }

            if (status == StoreStatus.Ok)
            {
                status = CheckContent(report);
            }

            if (status == StoreStatus.Ok)
            {
                status = Reconcile(report);
            }

            report.LiveRecords = _index.Count;
            return status;
        }

        private StoreStatus ScanManifests(string[] names, RecoveryReport report)
        {
            for (int i = 0; i < names.Length; i++)
            {
                string name = names[i];
                bool temporary = StoreNames.ParseHex(name, SpoolFiles.ManifestTemporaryExtension) >= 0
                    || StoreNames.ParseHex(name, SpoolFiles.ReceiptTemporaryExtension) >= 0;
                StoreStatus status = temporary ? RemoveTemporary(name, report) : ScanRecord(name, report);
                if (status != StoreStatus.Ok)
                {
                    return status;
                }
            }

            return StoreStatus.Ok;
        }

        /// <summary>Never committed: whatever it holds was never handed to anyone.</summary>
        private StoreStatus RemoveTemporary(string name, RecoveryReport report)
        {
            StoreStatus deleted = _store.Delete(StoreNames.Join(_directory, name));
            if (!SpoolStatuses.IsGone(deleted))
            {
                return deleted;
            }

            report.TemporaryFilesRemoved++;
            return StoreStatus.Ok;
        }

        /// <summary>
        /// A sealed record file. A quarantined one (".QRN") stays out of the live table, but its
        /// number stays used and its segment sealed, so its content is never sealed again. It is
        /// never the newest record: the record declaring it was committed before it was renamed.
        /// </summary>
        private StoreStatus ScanRecord(string name, RecoveryReport report)
        {
            string extension = SpoolFiles.ManifestExtension;
            long sequence = StoreNames.ParseHex(name, extension);
            if (sequence < 0)
            {
                extension = SpoolFiles.QuarantineExtension;
                sequence = StoreNames.ParseHex(name, extension);
            }

            if (sequence < 0)
            {
                return StoreStatus.Ok;
            }

            _highestNamed = sequence > _highestNamed ? sequence : _highestNamed;
            bool valid;
            StoreStatus status = _files.LoadManifest(sequence, extension, out valid);
            if (status == StoreStatus.DeviceRemoved)
            {
                return status;
            }

            if (status != StoreStatus.Ok || !valid)
            {
                report.CorruptFiles++;
            }
            else if (extension == SpoolFiles.QuarantineExtension)
            {
                RaiseSealedRecorderSequence();
                report.Quarantined++;
            }
            else
            {
                Admit(sequence, report);
            }

            return StoreStatus.Ok;
        }

        private void RaiseSealedRecorderSequence()
        {
            if (_files.LoadedKind == RecordKind.Segment && _files.LoadedRecorderSequence > _state.HighestSealedRecorderSequence)
            {
                _state.HighestSealedRecorderSequence = _files.LoadedRecorderSequence;
            }
        }

        private void Admit(long sequence, RecoveryReport report)
        {
            _newestValid = sequence > _newestValid ? sequence : _newestValid;
            RaiseSealedRecorderSequence();

            if (_index.Count == _index.Capacity)
            {
                // Keep the oldest records: they are uploaded first. The rest wait on the card.
                int newest = _index.Newest();
                report.RecordsOverCapacity++;
                if (_index.Sequence(newest) < sequence)
                {
                    return;
                }

                _index.RemoveAt(newest);
            }

            _index.Add(sequence, _files.LoadedKind, RecordState.Sealed, _files.LoadedRecorderSequence, _files.LoadedContentLength, _files.LoadedTruncated);
        }

        private StoreStatus ScanReceipts(string[] names, RecoveryReport report)
        {
            for (int i = 0; i < names.Length; i++)
            {
                long sequence = StoreNames.ParseHex(names[i], SpoolFiles.ReceiptExtension);
                if (sequence < 0)
                {
                    continue;
                }

                _highestNamed = sequence > _highestNamed ? sequence : _highestNamed;
                bool valid;
                StoreStatus status = _files.LoadReceipt(sequence, out valid);
                if (status == StoreStatus.DeviceRemoved)
                {
                    return status;
                }

                int slot = _index.IndexOf(sequence);
                if (status == StoreStatus.Ok && valid && slot >= 0)
                {
                    _index.SetState(slot, RecordState.Receipted);
                    continue;
                }

                status = ResolveStrayReceipt(sequence, valid, report);
                if (status != StoreStatus.Ok)
                {
                    return status;
                }
            }

            return StoreStatus.Ok;
        }

        /// <summary>
        /// A receipt without a live record is the tail of a completed deletion (its manifest is
        /// gone): finish it. A receipt that fails its checks is removed so the record can be
        /// receipted again (the server hands the receipt out again on HEAD).
        /// </summary>
        private StoreStatus ResolveStrayReceipt(long sequence, bool valid, RecoveryReport report)
        {
            long length;
            StoreStatus manifest = _store.GetLength(_files.Path(sequence, SpoolFiles.ManifestExtension), out length);
            if (manifest == StoreStatus.Ok && valid)
            {
                return StoreStatus.Ok;
            }

            if (manifest != StoreStatus.Ok && manifest != StoreStatus.NotFound)
            {
                return manifest;
            }

            StoreStatus deleted = _store.Delete(_files.Path(sequence, SpoolFiles.ReceiptExtension));
            if (!SpoolStatuses.IsGone(deleted))
            {
                return deleted;
            }

            if (valid)
            {
                report.DeletionsCompleted++;
            }
            else
            {
                report.CorruptFiles++;
            }

            return StoreStatus.Ok;
        }

        private StoreStatus CheckContent(RecoveryReport report)
        {
            int slot = 0;
            while (slot < _index.Count)
            {
                if (_index.Kind(slot) != RecordKind.Segment)
                {
                    slot++;
                    continue;
                }

                long length;
                string content = SegmentSource.ContentPath(_segmentDirectory, _index.RecorderSequence(slot), _index.Truncated(slot));
                StoreStatus status = _store.GetLength(content, out length);
                if (status == StoreStatus.Ok)
                {
                    slot++;
                    continue;
                }

                if (status != StoreStatus.NotFound)
                {
                    return status;
                }

                if (_index.State(slot) != RecordState.Receipted)
                {
                    _index.SetState(slot, RecordState.ContentMissing);
                    report.ContentMissing++;
                    slot++;
                    continue;
                }

                status = FinishDeletion(_index.Sequence(slot));
                if (status != StoreStatus.Ok)
                {
                    return status;
                }

                _index.RemoveAt(slot);
                report.DeletionsCompleted++;
            }

            return StoreStatus.Ok;
        }

        private StoreStatus FinishDeletion(long sequence)
        {
            StoreStatus status = _store.Delete(_files.Path(sequence, SpoolFiles.ManifestExtension));
            if (!SpoolStatuses.IsGone(status))
            {
                return status;
            }

            status = _store.Delete(_files.Path(sequence, SpoolFiles.ReceiptExtension));
            return SpoolStatuses.IsGone(status) ? StoreStatus.Ok : status;
        }

        private StoreStatus Reconcile(RecoveryReport report)
        {
            if (_newestValid > _state.ChainHeadSequence)
            {
                bool valid;
                StoreStatus status = _files.LoadManifest(_newestValid, out valid);
                if (status != StoreStatus.Ok || !valid)
                {
                    return status == StoreStatus.DeviceRemoved ? status : StoreStatus.IoError;
                }

                _files.CopyLoadedChainState(_state, _newestValid);
                report.ChainAdoptedFromRecord = true;
            }

            long used = _highestNamed > _state.ChainHeadSequence ? _highestNamed : _state.ChainHeadSequence;
            if (_state.ReservedEnd <= used)
            {
                _state.ReservedEnd = used + 1;
            }

            long firstUnused = _state.ChainHeadSequence >= 0 ? _state.ChainHeadSequence + 1 : SpoolConstants.FirstSequence;
            if (_state.ReservedEnd > firstUnused)
            {
                report.SkippedFromSequence = firstUnused;
                report.SkippedCount = _state.ReservedEnd - firstUnused;
            }

            int uploading = _index.IndexOf(_state.UploadSequence);
            if (uploading >= 0 && _index.State(uploading) == RecordState.Sealed)
            {
                _index.SetState(uploading, RecordState.Uploading);
            }
            else if (uploading < 0 || _index.State(uploading) != RecordState.Uploading)
            {
                _state.UploadSequence = -1;
                _state.UploadOffsetBytes = 0;
            }

            return StoreStatus.Ok;
        }
    }
}
