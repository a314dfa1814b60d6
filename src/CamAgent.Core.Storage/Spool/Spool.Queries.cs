using System.IO;
using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Storage;

namespace CamAgent.Core.Spool
{
    /// <summary>Read access to the spool: live records, their manifests, receipts and content, the chain state.</summary>
    public sealed partial class Spool
    {
        /// <summary>
        /// True once a <see cref="Recover"/> scanned the card, also when it then could not save the
        /// reconciled state (it returned StorageFull or IoError): the spool is usable.
        /// </summary>
        public bool IsRecovered
        {
            get { return _recovered; }
        }

        /// <summary>Fills <paramref name="entry"/> with the oldest live record (the next to upload or delete).</summary>
        public bool GetOldest(SpoolEntry entry)
        {
            EnsureRecovered();
            int slot = _index.Oldest();
            return slot >= 0 && Fill(slot, entry);
        }

        /// <summary>Fills <paramref name="entry"/> with record <paramref name="sequence"/>; false if it is not live.</summary>
        public bool Find(long sequence, SpoolEntry entry)
        {
            EnsureRecovered();
            int slot = _index.IndexOf(sequence);
            return slot >= 0 && Fill(slot, entry);
        }

        /// <summary>
        /// Opens the content of segment record <paramref name="sequence"/> for reading (upload).
        /// The caller disposes the stream. Statuses: Ok, UnknownSequence, WrongState (continuity
        /// record), ContentMissing, IoError, DeviceRemoved.
        /// </summary>
        public SpoolStatus OpenContent(long sequence, out Stream stream)
        {
            EnsureRecovered();
            stream = null;
            int slot = _index.IndexOf(sequence);
            if (slot < 0)
            {
                return SpoolStatus.UnknownSequence;
            }

            if (_index.Kind(slot) != RecordKind.Segment)
            {
                return SpoolStatus.WrongState;
            }

            StoreStatus status = _store.OpenRead(ContentPath(slot), out stream);
            return status == StoreStatus.NotFound ? SpoolStatus.ContentMissing : SpoolStatuses.From(status);
        }

        /// <summary>
        /// Copies the manifest (COSE_Sign1 bytes) of <paramref name="sequence"/> into
        /// <paramref name="buffer"/> (room for <see cref="SpoolConstants.MaxManifestBytes"/>).
        /// Statuses: Ok, UnknownSequence, IoError (file unreadable or failing its check), DeviceRemoved.
        /// </summary>
        public SpoolStatus ReadManifest(long sequence, byte[] buffer, int offset, out int count)
        {
            return ReadBody(sequence, true, buffer, offset, out count);
        }

        /// <summary>
        /// As <see cref="ReadManifest(long, byte[], int, out int)"/>, and copies the chain state
        /// committed with the record into <paramref name="chainState"/> (room for
        /// <see cref="SpoolConstants.MaxChainStateBytes"/>): the sealer's state right after it,
        /// which holds the record's own digest.
        /// </summary>
        public SpoolStatus ReadManifest(long sequence, byte[] buffer, int offset, out int count, byte[] chainState, int chainOffset, out int chainCount)
        {
            chainCount = 0;
            SpoolStatus status = ReadBody(sequence, true, buffer, offset, out count);
            if (status == SpoolStatus.Ok)
            {
                chainCount = _files.CopyLoadedChainBytes(chainState, chainOffset);
            }

            return status;
        }

        /// <summary>Copies the committed receipt of <paramref name="sequence"/>. Statuses as <see cref="ReadManifest"/>, plus WrongState (no receipt yet).</summary>
        public SpoolStatus ReadReceipt(long sequence, byte[] buffer, int offset, out int count)
        {
            return ReadBody(sequence, false, buffer, offset, out count);
        }

        /// <summary>Copies the chain state committed with the newest record; returns its length.</summary>
        public int CopyChainState(byte[] buffer, int offset)
        {
            Bytes.CheckRange(buffer, offset, _state.ChainStateLength);
            Array.Copy(_state.ChainState, 0, buffer, offset, _state.ChainStateLength);
            return _state.ChainStateLength;
        }

        private SpoolStatus ReadBody(long sequence, bool manifest, byte[] buffer, int offset, out int count)
        {
            EnsureRecovered();
            count = 0;
            int slot = _index.IndexOf(sequence);
            if (slot < 0)
            {
                return SpoolStatus.UnknownSequence;
            }

            if (!manifest && _index.State(slot) != RecordState.Receipted)
            {
                return SpoolStatus.WrongState;
            }

            bool valid;
            StoreStatus status = manifest ? _files.LoadManifest(sequence, out valid) : _files.LoadReceipt(sequence, out valid);
            if (status != StoreStatus.Ok || !valid)
            {
                return status == StoreStatus.DeviceRemoved ? SpoolStatus.DeviceRemoved : SpoolStatus.IoError;
            }

            count = _files.CopyLoadedBody(buffer, offset, manifest);
            return SpoolStatus.Ok;
        }

        private bool Fill(int slot, SpoolEntry entry)
        {
            if (entry == null)
            {
                throw new ArgumentNullException("entry");
            }

            long sequence = _index.Sequence(slot);
            long uploaded = _state.UploadSequence == sequence ? _state.UploadOffsetBytes : 0;
            entry.Set(sequence, _index.Kind(slot), _index.State(slot), _index.RecorderSequence(slot), _index.ContentLength(slot), _index.Truncated(slot), uploaded);
            return true;
        }
    }
}
