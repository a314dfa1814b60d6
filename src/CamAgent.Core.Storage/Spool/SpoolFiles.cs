using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Storage;

namespace CamAgent.Core.Spool
{
    /// <summary>
    /// The spool's per-record files (docs/agent-storage.md, "Record files"), each one
    /// <see cref="FramedFile"/> named after the record's sequence number (8 hex digits):
    /// "SSSSSSSS.MAN" holds the sealed record (header, chain state after it, manifest) and
    /// "SSSSSSSS.RCP" its verified receipt; ".MAT" and ".RCT" are their uncommitted forms.
    /// One frame buffer serves both; what a load leaves in it is valid until the next call.
    /// </summary>
    internal sealed class SpoolFiles
    {
        internal const string ManifestExtension = "MAN";
        internal const string ManifestTemporaryExtension = "MAT";
        internal const string ReceiptExtension = "RCP";
        internal const string ReceiptTemporaryExtension = "RCT";

        /// <summary>A sealed record the server refused permanently: its ".MAN" renamed, every byte kept.</summary>
        internal const string QuarantineExtension = "QRN";

        // Sealed record payload: type, kind, flags, zero, sequence, recorder sequence,
        // content length, chain state length, manifest length; then chain state, manifest.
        private const int ManifestHeaderBytes = 32;

        // Receipt payload: type, three zero bytes, sequence, receipt length; then the receipt.
        private const int ReceiptHeaderBytes = 14;

        private const byte ManifestType = 1;
        private const byte ReceiptType = 2;
        private const byte TruncatedFlag = 0x01;

        private static readonly byte[] Magic = new byte[] { (byte)'C', (byte)'A', (byte)'R', (byte)'1' };

        private readonly string _directory;
        private readonly FramedFile _frame;
        private int _chainStateLength;
        private int _bodyLength;

        internal SpoolFiles(IFileStore store, string directory)
        {
            _directory = directory;
            int manifestRecord = ManifestHeaderBytes + SpoolConstants.MaxChainStateBytes + SpoolConstants.MaxManifestBytes;
            int receiptRecord = ReceiptHeaderBytes + SpoolConstants.MaxReceiptBytes;
            _frame = new FramedFile(store, Magic, manifestRecord > receiptRecord ? manifestRecord : receiptRecord);
        }

        internal int BufferBytes
        {
            get { return _frame.BufferBytes; }
        }

        // Set by the last successful LoadManifest / LoadReceipt.
        internal RecordKind LoadedKind;
        internal long LoadedRecorderSequence;
        internal long LoadedContentLength;
        internal bool LoadedTruncated;

        internal string Path(long sequence, string extension)
        {
            return StoreNames.Join(_directory, StoreNames.Hex(sequence, extension));
        }

        internal StoreStatus CommitManifest(long sequence, RecordKind kind, long recorderSequence, bool truncated, long contentLength,
            byte[] chainState, int chainOffset, int chainCount, byte[] manifest, int manifestOffset, int manifestCount)
        {
            byte[] b = _frame.Buffer;
            int p = FramedFile.PayloadOffset;
            b[p] = ManifestType;
            b[p + 1] = (byte)kind;
            b[p + 2] = truncated ? TruncatedFlag : (byte)0;
            b[p + 3] = 0;
            Bytes.WriteInt64(b, p + 4, sequence);
            Bytes.WriteInt64(b, p + 12, recorderSequence);
            Bytes.WriteInt64(b, p + 20, contentLength);
            Bytes.WriteUInt16(b, p + 28, chainCount);
            Bytes.WriteUInt16(b, p + 30, manifestCount);
            Array.Copy(chainState, chainOffset, b, p + ManifestHeaderBytes, chainCount);
            Array.Copy(manifest, manifestOffset, b, p + ManifestHeaderBytes + chainCount, manifestCount);
            int length = ManifestHeaderBytes + chainCount + manifestCount;
            return _frame.Commit(Path(sequence, ManifestTemporaryExtension), Path(sequence, ManifestExtension), sequence, length);
        }

        /// <summary>Loads and checks "SSSSSSSS.MAN". Statuses: Ok (see <paramref name="valid"/>), NotFound, IoError, DeviceRemoved.</summary>
        internal StoreStatus LoadManifest(long sequence, out bool valid)
        {
            return LoadManifest(sequence, ManifestExtension, out valid);
        }

        /// <summary>Loads and checks a sealed record file, live (".MAN") or quarantined (".QRN"). Statuses as above.</summary>
        internal StoreStatus LoadManifest(long sequence, string extension, out bool valid)
        {
            int length;
            StoreStatus status = _frame.Load(Path(sequence, extension), sequence, out length, out valid);
            if (status != StoreStatus.Ok || !valid)
            {
                return status;
            }

            byte[] b = _frame.Buffer;
            int p = FramedFile.PayloadOffset;
            int chain = Bytes.ReadUInt16(b, p + 28);
            int body = Bytes.ReadUInt16(b, p + 30);
            byte kind = b[p + 1];
            valid = length >= ManifestHeaderBytes && b[p] == ManifestType
                && (kind == (byte)RecordKind.Segment || kind == (byte)RecordKind.Continuity)
                && Bytes.ReadInt64(b, p + 4) == sequence
                && chain <= SpoolConstants.MaxChainStateBytes && body <= SpoolConstants.MaxManifestBytes
                && length == ManifestHeaderBytes + chain + body;
            if (valid)
            {
                LoadedKind = (RecordKind)kind;
                LoadedTruncated = (b[p + 2] & TruncatedFlag) != 0;
                LoadedRecorderSequence = Bytes.ReadInt64(b, p + 12);
                LoadedContentLength = Bytes.ReadInt64(b, p + 20);
                _chainStateLength = chain;
                _bodyLength = body;
            }

            return StoreStatus.Ok;
        }

        internal StoreStatus CommitReceipt(long sequence, byte[] receipt, int offset, int count)
        {
            byte[] b = _frame.Buffer;
            int p = FramedFile.PayloadOffset;
            b[p] = ReceiptType;
            b[p + 1] = 0;
            b[p + 2] = 0;
            b[p + 3] = 0;
            Bytes.WriteInt64(b, p + 4, sequence);
            Bytes.WriteUInt16(b, p + 12, count);
            Array.Copy(receipt, offset, b, p + ReceiptHeaderBytes, count);
            return _frame.Commit(Path(sequence, ReceiptTemporaryExtension), Path(sequence, ReceiptExtension), sequence, ReceiptHeaderBytes + count);
        }

        /// <summary>Loads and checks "SSSSSSSS.RCP". Statuses: Ok (see <paramref name="valid"/>), NotFound, IoError, DeviceRemoved.</summary>
        internal StoreStatus LoadReceipt(long sequence, out bool valid)
        {
            int length;
            StoreStatus status = _frame.Load(Path(sequence, ReceiptExtension), sequence, out length, out valid);
            if (status != StoreStatus.Ok || !valid)
            {
                return status;
            }

            byte[] b = _frame.Buffer;
            int p = FramedFile.PayloadOffset;
            int body = Bytes.ReadUInt16(b, p + 12);
            valid = length >= ReceiptHeaderBytes && b[p] == ReceiptType && Bytes.ReadInt64(b, p + 4) == sequence
                && body <= SpoolConstants.MaxReceiptBytes && length == ReceiptHeaderBytes + body;
            if (valid)
            {
                _chainStateLength = 0;
                _bodyLength = body;
            }

            return StoreStatus.Ok;
        }

        /// <summary>Chain state of the last loaded manifest record: copies it into <paramref name="state"/>.</summary>
        internal void CopyLoadedChainState(SpoolState state, long sequence)
        {
            state.SetChain(sequence, _frame.Buffer, FramedFile.PayloadOffset + ManifestHeaderBytes, _chainStateLength);
        }

        /// <summary>Chain state bytes of the last loaded manifest record: copies them into <paramref name="buffer"/>; returns their count.</summary>
        internal int CopyLoadedChainBytes(byte[] buffer, int offset)
        {
            Bytes.CheckRange(buffer, offset, _chainStateLength);
            Array.Copy(_frame.Buffer, FramedFile.PayloadOffset + ManifestHeaderBytes, buffer, offset, _chainStateLength);
            return _chainStateLength;
        }

        /// <summary>Copies the manifest or receipt bytes of the last load into <paramref name="buffer"/>; returns their count.</summary>
        internal int CopyLoadedBody(byte[] buffer, int offset, bool manifest)
        {
            int start = FramedFile.PayloadOffset + (manifest ? ManifestHeaderBytes + _chainStateLength : ReceiptHeaderBytes);
            Bytes.CheckRange(buffer, offset, _bodyLength);
            Array.Copy(_frame.Buffer, start, buffer, offset, _bodyLength);
            return _bodyLength;
        }
    }
}
