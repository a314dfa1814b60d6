using CamAgent.Core.Platform;
using CamAgent.Core.Storage;

namespace CamAgent.Core.Spool
{
    /// <summary>Quarantine: a record the server refused permanently leaves the upload queue, and nothing of it leaves the card.</summary>
    public sealed partial class Spool
    {
        /// <summary>Quarantined records on the card: found by the last recovery plus those quarantined since.</summary>
        public int QuarantinedCount
        {
            get { return _quarantined; }
        }

        /// <summary>Name, in the spool directory, of the file quarantined record <paramref name="sequence"/> is kept in.</summary>
        public static string QuarantineFileName(long sequence)
        {
            return StoreNames.Hex(sequence, SpoolFiles.QuarantineExtension);
        }

        /// <summary>
        /// Takes a sealed record the server refused permanently out of the upload queue for good,
        /// keeping every byte of it (docs/agent-storage.md §8): its record file is renamed
        /// "SSSSSSSS.MAN" → "SSSSSSSS.QRN", one rename, so a cut leaves it under one name or the
        /// other; its content stays in the recorder's directory. Recovery keeps a quarantined
        /// record out of the live table, its number used and its segment sealed. Nothing in the
        /// agent deletes a quarantined record; agency IT takes it off the card
        /// (docs/agency-it-guide.md). The caller seals the continuity record that declares the
        /// quarantine first, so that every quarantined record on the card is declared in the chain.
        /// Statuses: Ok, UnknownSequence, WrongState (receipted or content missing), IoError, DeviceRemoved.
        /// </summary>
        public SpoolStatus Quarantine(long sequence)
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

            StoreStatus renamed = _store.Rename(_files.Path(sequence, SpoolFiles.ManifestExtension), _files.Path(sequence, SpoolFiles.QuarantineExtension));
            if (renamed != StoreStatus.Ok)
            {
                return SpoolStatuses.From(renamed);
            }

            _index.RemoveAt(slot);
            if (_state.UploadSequence == sequence)
            {
                // Saved with the next change; until then recovery drops a cursor whose record is not live.
                _state.UploadSequence = -1;
                _state.UploadOffsetBytes = 0;
            }

            _quarantined++;
            return SpoolStatus.Ok;
        }
    }
}
