using CamAgent.Core.Crypto;
using CamAgent.Core.Evidence;
using CamAgent.Core.Upload;

namespace CamAgent.Device.TestPorts.Tus
{
    /// <summary>PATCH (docs/upload-protocol.md §3.4) and the chain rules of creation (§3.2).</summary>
    public sealed partial class ScriptedTusServer
    {
        /// <summary>
        /// Checks a PATCH head. Returns the upload the body goes to, or null with the answer in
        /// <paramref name="refusal"/> (the body is then read and dropped).
        /// </summary>
        internal StoredUpload BeginPatch(RequestHead head, out byte[] refusal)
        {
            refusal = null;
            StoredUpload upload = UploadAt(head.Target);
            if (head.Field(TusHeaders.TusResumable) != TusHeaders.ProtocolVersion)
            {
                refusal = Refuse("PATCH", -1, 412, ErrorCodes.TusVersionUnsupported, string.Empty);
            }
            else if (upload == null)
            {
                refusal = Refuse("PATCH", -1, 404, ErrorCodes.UnknownUpload, string.Empty);
            }
            else if (head.Field("Content-Type") != TusHeaders.OffsetOctetStream)
            {
                refusal = Refuse("PATCH", upload.Sequence, 415, ErrorCodes.UnsupportedContentType, string.Empty);
            }
            else
            {
                refusal = CheckOffsets(head, upload);
            }

            return refusal == null ? upload : null;
        }

        /// <summary>
        /// Stores body bytes as they arrive. Returns how many were taken: fewer than
        /// <paramref name="count"/> when the script cuts the link here (the bytes before the cut are kept).
        /// </summary>
        internal int ReceivePatchBody(StoredUpload upload, byte[] buffer, int offset, int count, long receivedBefore)
        {
            int taken = count;
            if (_cutAfterBodyBytes >= 0 && receivedBefore + count > _cutAfterBodyBytes)
            {
                taken = _cutAfterBodyBytes > receivedBefore ? (int)(_cutAfterBodyBytes - receivedBefore) : 0;
                _cutAfterBodyBytes = -1;
                Cuts++;
            }

            upload.Append(buffer, offset, taken);
            if (taken < count)
            {
                OffsetAtLastCut = upload.Offset;
            }

            return taken;
        }

        /// <summary>The answer to a PATCH whose body arrived whole: the new offset, and the receipt when the content is complete and matches.</summary>
        internal byte[] EndPatch(StoredUpload upload)
        {
            if (upload.Offset == upload.Length && upload.Receipt == null)
            {
                if (!_intake.DigestMatches(upload))
                {
                    _uploads.Remove(upload);
                    return Refuse("PATCH", upload.Sequence, 460, ErrorCodes.ContentDigestMismatch, string.Empty);
                }

                Complete(upload);
            }

            return ServerResponse.Build(204, "No Content", OffsetField(upload) + ReceiptField(upload));
        }

        private byte[] CheckOffsets(RequestHead head, StoredUpload upload)
        {
            long offset = head.Number(TusHeaders.UploadOffset);
            long bodyBytes = head.Number("Content-Length");
            if (offset < 0)
            {
                return Refuse("PATCH", upload.Sequence, 400, ErrorCodes.InvalidUploadOffset, string.Empty);
            }

            _requests.Add(new ServerRequest("PATCH", upload.Sequence, offset));
            if (offset != upload.Offset)
            {
                // The answer carries the server's offset (docs/upload-protocol.md §8).
                _refusals.Add("PATCH " + upload.Sequence.ToString() + ": 409 offset-mismatch (@" + offset.ToString() + ", server holds " + upload.Offset.ToString() + ")");
                return ServerResponse.Error(409, ErrorCodes.OffsetMismatch, OffsetField(upload));
            }

            if (bodyBytes < 0)
            {
                return Refuse("PATCH", upload.Sequence, 411, ErrorCodes.ContentLengthRequired, string.Empty);
            }

            return offset + bodyBytes > upload.Length ? Refuse("PATCH", upload.Sequence, 400, ErrorCodes.LengthExceeded, string.Empty) : null;
        }

        /// <summary>
        /// Null when <paramref name="record"/> links to the record before it here (for a power-loss
        /// record declaring k skipped numbers, the one k + 1 before it, and none of the skipped
        /// numbers is here: docs/evidence-format.md §5.1); else why not.
        /// </summary>
        private string CheckLink(Manifest record)
        {
            long skipped = IsPowerLoss(record) ? record.EventDetail : 0;
            long previous = record.Sequence - 1 - skipped;
            for (long sequence = previous + 1; sequence < record.Sequence; sequence++)
            {
                if (Find(sequence) != null)
                {
                    return "record " + sequence.ToString() + " is here but declared skipped";
                }
            }

            byte[] expected = new byte[Sha256.DigestSizeBytes];
            if (previous >= 0)
            {
                StoredUpload before = Find(previous);
                if (before == null)
                {
                    return "record " + previous.ToString() + " is not here";
                }

                expected = Sha256.Hash(before.ManifestBytes);
            }

            for (int i = 0; i < expected.Length; i++)
            {
                if (record.PreviousRecordDigest[i] != expected[i])
                {
                    return "previous-record digest differs from record " + previous.ToString();
                }
            }

            return null;
        }

        private bool IsDeclaredSkipped(long sequence)
        {
            for (int i = 0; i < _uploads.Count; i++)
            {
                Manifest record = ((StoredUpload)_uploads[i]).Record;
                if (IsPowerLoss(record) && record.EventDetail > 0 && record.SkippedFromSequence <= sequence && sequence < record.Sequence)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsPowerLoss(Manifest record)
        {
            return record.Kind == RecordKind.Continuity && record.Event == ContinuityEvent.PowerLossRecovery;
        }
    }
}
