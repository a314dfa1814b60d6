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
    /// <paramref name="lastBytesUnflushed"/>: the PATCH that brought the last bytes left them to
    /// this completion's first barrier (group commit), so the offset moves to the end only once
    /// that barrier, or the data file's own fsync after it failed, made them durable; if neither
    /// could, the decision is taken back and the offset stays where it was acknowledged.
    /// </summary>
    public static async Task<(AppendStatus Status, byte[]? Receipt)> CompleteAsync(UploadStore store, UploadSession session, bool lastBytesUnflushed = false)
    {
        ManifestFacts facts = session.Facts;
        StoreLayout layout = store.Layout;
        string decided = layout.IncomingFile(session.Id, StoreLayout.ReceiptFileName);
        string storedReceipt = layout.StoredReceipt(facts.DeviceId, facts.Sequence);
        // An earlier completion decided the record, then failed: finish what it started. (The
        // caller holds the device lock and the gate, so neither file comes or goes meanwhile.)
        string? earlier = File.Exists(decided) ? decided : File.Exists(storedReceipt) ? storedReceipt : null;
        byte[] receipt;
        if (earlier is not null)
        {
            receipt = File.ReadAllBytes(earlier);
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
        }

        try
        {
            if (earlier is null)
            {
                store.Durability.WriteFileAtomically(decided, receipt);
            }

            await DecideAsync(layout, store.Durability, session.Id, facts.DeviceId, facts.Sequence, facts.IsSegment).ConfigureAwait(false);
        }
        catch (IOException) when (lastBytesUnflushed)
        {
            KeepOrTakeBackLastBytes(store, session);
            throw;
        }

        session.OffsetBytes = session.LengthBytes;
        Finish(layout, store.Durability, store.Spares, session.Id, facts.DeviceId, facts.Sequence);
        store.Forget(session);
        return (AppendStatus.Completed, receipt);
    }

    /// <summary>
    /// Takes back a decision no one was given: manifest and segment return from devices/ into the
    /// upload folder and its receipt is dropped, so the upload is as it was before its last byte
    /// arrived and is completed again from the bytes on disk. Every step fsynced.
    /// </summary>
    public static void TakeBack(StoreLayout layout, string uploadId, string deviceId, ulong sequence)
    {
        string receipt = layout.IncomingFile(uploadId, StoreLayout.ReceiptFileName);
        bool moved = MoveBackIfMissing(layout.StoredManifest(deviceId, sequence), layout.IncomingFile(uploadId, StoreLayout.ManifestFileName))
            | MoveBackIfMissing(layout.StoredSegment(deviceId, sequence), layout.IncomingFile(uploadId, StoreLayout.DataFileName));
        if (File.Exists(receipt))
        {
            File.Delete(receipt);
            moved = true;
        }

        if (moved)
        {
            Durable.SyncDirectory(layout.IncomingDirectory(uploadId));
        }
    }

    // Manifest and segment into devices/ beside the receipt still in the upload folder, then a
    // barrier: from then on the record is decided. Idempotent: finished steps are skipped.
    private static async Task DecideAsync(StoreLayout layout, StoreDurability durability, string uploadId, string deviceId, ulong sequence, bool isSegment)
    {
        durability.CreateDirectory(layout.DeviceDirectory(deviceId));
        MoveIfPresent(durability, layout.IncomingFile(uploadId, StoreLayout.ManifestFileName), layout.StoredManifest(deviceId, sequence));
        if (isSegment)
        {
            MoveIfPresent(durability, layout.IncomingFile(uploadId, StoreLayout.DataFileName), layout.StoredSegment(deviceId, sequence));
        }

        await durability.BarrierAsync().ConfigureAwait(false);
    }

    // The receipt after them into devices/ and the upload folder removed. These last steps are
    // durable once the store's next barrier ends (UploadStore.WhenDurableAsync), which the answer
    // waits for together with its audit line.
    private static void Finish(StoreLayout layout, StoreDurability durability, SpareFolders spares, string uploadId, string deviceId, ulong sequence)
    {
        MoveIfPresent(durability, layout.IncomingFile(uploadId, StoreLayout.ReceiptFileName), layout.StoredReceipt(deviceId, sequence));
        string folder = layout.IncomingDirectory(uploadId);
        if (Directory.Exists(folder))
        {
            spares.Retire(folder);
        }
    }

    // The barrier (or a step before it) failed while the last PATCH's bytes were not yet known to
    // be on disk: the data file's own fsync decides. Durable: the offset moves to the end and the
    // next completion finishes with the same receipt. Not: the decision is taken back, the offset
    // stays at what was acknowledged, and the digest is rebuilt from the file on the next PATCH
    // (which first cuts the file back to that offset).
    private static void KeepOrTakeBackLastBytes(UploadStore store, UploadSession session)
    {
        StoreLayout layout = store.Layout;
        string segment = layout.StoredSegment(session.DeviceId, session.Sequence);
        string data = File.Exists(segment) ? segment : layout.IncomingFile(session.Id, StoreLayout.DataFileName);
        try
        {
            store.Durability.FlushFile(data);
            session.OffsetBytes = session.LengthBytes;
        }
        catch (IOException)
        {
            session.Digest = null;
            TakeBack(layout, session.Id, session.DeviceId, session.Sequence);
        }
    }

    private static bool MoveBackIfMissing(string stored, string incoming)
    {
        if (File.Exists(incoming) || !File.Exists(stored))
        {
            return false;
        }

        Durable.Move(stored, incoming);
        return true;
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
