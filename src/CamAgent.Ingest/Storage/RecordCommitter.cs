using System.Security.Cryptography;
using CamAgent.Ingest.Evidence;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// Turns a fully received upload into a stored, receipted record. The receipt is first written
/// into the upload folder: from then on the record is decided, and a crash at any later point is
/// rolled forward at start-up (<see cref="StoreRecovery"/>). Files are then renamed into
/// devices/&lt;device&gt;/ in the order manifest, segment, receipt, so a receipt in devices/
/// always means the whole record is there.
/// </summary>
internal static class RecordCommitter
{
    /// <summary>
    /// Checks the content digest and commits the record. Caller holds the device lock and the
    /// upload's gate. Returns Completed (with the receipt) or DigestMismatch (upload discarded).
    /// </summary>
    public static AppendStatus Complete(UploadStore store, UploadSession session, out byte[]? receipt)
    {
        receipt = null;
        ManifestFacts facts = session.Facts;
        byte[] digest = facts.IsSegment ? FinishDigest(store, session) : facts.ContentDigest;
        if (!CryptographicOperations.FixedTimeEquals(digest, facts.ContentDigest))
        {
            store.Discard(session);
            return AppendStatus.DigestMismatch;
        }

        var receiptFacts = new ReceiptFacts(
            facts.DeviceId,
            facts.Sequence,
            session.LengthBytes,
            digest,
            SHA256.HashData(session.Manifest),
            store.Time.GetUtcNow().ToUnixTimeMilliseconds(),
            session.Id);
        receipt = store.Format.IssueReceipt(receiptFacts);
        Durable.WriteFileAtomically(store.Layout.IncomingFile(session.Id, StoreLayout.ReceiptFileName), receipt);
        Commit(store.Layout, session.Id, facts.DeviceId, facts.Sequence, facts.IsSegment);
        store.Forget(session);
        return AppendStatus.Completed;
    }

    /// <summary>Moves a decided upload (receipt present in its folder) into devices/. Idempotent: finished steps are skipped.</summary>
    public static void Commit(StoreLayout layout, string uploadId, string deviceId, ulong sequence, bool isSegment)
    {
        Durable.CreateDirectory(layout.DeviceDirectory(deviceId));
        MoveIfPresent(layout.IncomingFile(uploadId, StoreLayout.ManifestFileName), layout.StoredManifest(deviceId, sequence));
        string data = layout.IncomingFile(uploadId, StoreLayout.DataFileName);
        if (isSegment)
        {
            MoveIfPresent(data, layout.StoredSegment(deviceId, sequence));
        }

        MoveIfPresent(layout.IncomingFile(uploadId, StoreLayout.ReceiptFileName), layout.StoredReceipt(deviceId, sequence));
        Durable.DeleteDirectory(layout.IncomingDirectory(uploadId));
    }

    private static void MoveIfPresent(string source, string destination)
    {
        if (File.Exists(source))
        {
            Durable.Move(source, destination);
        }
    }

    private static byte[] FinishDigest(UploadStore store, UploadSession session)
    {
        UploadAppender.EnsureDigest(store, session);
        byte[] digest = session.Digest!.Finish();
        session.Digest = null;
        return digest;
    }
}
