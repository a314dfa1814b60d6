using System.Security.Cryptography;
using CamAgent.Ingest.Evidence;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// Turns a fully received upload into a stored, receipted record. The receipt is first written
/// into the upload folder; manifest and segment are renamed into devices/&lt;device&gt;/ and made
/// durable together with that receipt (from then on the record is decided: a failed flush at any
/// later point is finished by the next completion of the same upload, with the same receipt; a
/// crash before the receipt reached devices/ is decided again at start-up from the bytes on disk,
/// <see cref="StoreRecovery"/>, since no one was given that receipt); only then is the receipt renamed after them and the
/// upload folder removed, so a receipt in devices/ always means the whole record is there, and the
/// answer waits until that is durable. A crash before the decision leaves an upload that holds
/// every byte, which start-up completes again (the device, never answered, still holds its copy).
/// Durability is the store's (<see cref="StoreDurability"/>): each step fsynced as it happens, or
/// two barriers on group commit, the second of them the one the answer waits for.
/// </summary>
internal static class RecordCommitter
{
    /// <summary>
    /// Checks the content digest and commits the record. Caller holds the device lock and the
    /// upload's gate. Returns Completed (with the receipt) or DigestMismatch (upload discarded).
    /// Storage failures throw <see cref="IOException"/> and leave the upload open.
    /// </summary>
    public static async Task<(AppendStatus Status, byte[]? Receipt)> CompleteAsync(UploadStore store, UploadSession session)
    {
        ManifestFacts facts = session.Facts;
        StoreLayout layout = store.Layout;
        string decided = layout.IncomingFile(session.Id, StoreLayout.ReceiptFileName);
        string storedReceipt = layout.StoredReceipt(facts.DeviceId, facts.Sequence);
        byte[] receipt;
        if (File.Exists(decided) || File.Exists(storedReceipt))
        {
            // An earlier completion decided the record, then failed: finish what it started.
            receipt = File.ReadAllBytes(File.Exists(decided) ? decided : storedReceipt);
        }
        else
        {
            byte[] digest = facts.IsSegment ? FinishDigest(store, session) : facts.ContentDigest;
            if (!CryptographicOperations.FixedTimeEquals(digest, facts.ContentDigest))
            {
                store.Discard(session);
                return (AppendStatus.DigestMismatch, null);
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
            store.Durability.WriteFileAtomically(decided, receipt);
        }

        await CommitAsync(layout, store.Durability, session.Id, facts.DeviceId, facts.Sequence, facts.IsSegment).ConfigureAwait(false);
        store.Forget(session);
        return (AppendStatus.Completed, receipt);
    }

    /// <summary>
    /// Moves a decided upload (receipt present in its folder) into devices/. Idempotent: finished
    /// steps are skipped. The last steps (the receipt's rename, the folder's removal) are durable
    /// once the store's next barrier ends (<see cref="UploadStore.WhenDurableAsync"/>), which the
    /// answer waits for together with its audit line.
    /// </summary>
    public static async Task CommitAsync(StoreLayout layout, StoreDurability durability, string uploadId, string deviceId, ulong sequence, bool isSegment)
    {
        durability.CreateDirectory(layout.DeviceDirectory(deviceId));
        MoveIfPresent(durability, layout.IncomingFile(uploadId, StoreLayout.ManifestFileName), layout.StoredManifest(deviceId, sequence));
        if (isSegment)
        {
            MoveIfPresent(durability, layout.IncomingFile(uploadId, StoreLayout.DataFileName), layout.StoredSegment(deviceId, sequence));
        }

        await durability.BarrierAsync().ConfigureAwait(false);
        MoveIfPresent(durability, layout.IncomingFile(uploadId, StoreLayout.ReceiptFileName), layout.StoredReceipt(deviceId, sequence));
        durability.DeleteDirectory(layout.IncomingDirectory(uploadId));
    }

    private static void MoveIfPresent(StoreDurability durability, string source, string destination)
    {
        if (File.Exists(source))
        {
            durability.Move(source, destination);
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
