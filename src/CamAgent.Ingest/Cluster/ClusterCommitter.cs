using System.Security.Cryptography;
using CamAgent.Ingest.Evidence;
using CamAgent.Ingest.Storage;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// Completion on the cluster store. The record is decided when its receipt is in PostgreSQL
/// (state open → decided, a compare-and-set, so two nodes can never issue two receipts); then
/// the segment, the manifest and, last, the receipt are written to the evidence bucket and
/// locked, and the row becomes stored. Any node rolls a decided row forward with the receipt in
/// the row (on the next HEAD of the upload): the receipt object in S3 therefore always means the
/// whole record is there, as a receipt file in devices/ does on the filesystem store.
/// </summary>
internal static class ClusterCommitter
{
    /// <summary>Caller holds the upload's gate. Returns Completed, DigestMismatch or Closed.</summary>
    public static async Task<AppendResult> CompleteAsync(ClusterStore store, UploadSession session)
    {
        RecordRow? row = store.Records.Find(session.Id);
        if (row is null || row.State == RecordRow.Gone)
        {
            store.Forget(session);
            return new AppendResult(AppendStatus.Closed, 0);
        }

        byte[]? receipt = row.Receipt;
        bool rollForward = row.State != RecordRow.Open;
        if (!rollForward)
        {
            byte[]? digest = await MatchingDigestAsync(store, session).ConfigureAwait(false);
            if (digest is null)
            {
                await store.DiscardAsync(session).ConfigureAwait(false);
                return new AppendResult(AppendStatus.DigestMismatch, 0);
            }

            receipt = Decide(store, session, digest);
        }

        if (receipt is null)
        {
            return new AppendResult(AppendStatus.Closed, 0);
        }

        await WriteRecordAsync(store, session, receipt, rollForward).ConfigureAwait(false);
        store.Records.SetState(session.Id, RecordRow.Decided, RecordRow.Stored);
        store.Forget(session);
        await CleanUpAsync(store, session).ConfigureAwait(false);
        return new AppendResult(AppendStatus.Completed, session.LengthBytes, receipt);
    }

    private static async Task<byte[]?> MatchingDigestAsync(ClusterStore store, UploadSession session)
    {
        ManifestFacts facts = session.Facts;
        if (!facts.IsSegment)
        {
            return facts.ContentDigest;
        }

        session.Digest ??= await store.Staging.RebuildDigestAsync(store.Format, session).ConfigureAwait(false);
        byte[] digest = session.Digest.Finish();
        session.Digest = null;
        return CryptographicOperations.FixedTimeEquals(digest, facts.ContentDigest) ? digest : null;
    }

    // open → decided with the receipt; a node that loses the race takes the winner's receipt.
    private static byte[]? Decide(ClusterStore store, UploadSession session, byte[] digest)
    {
        ManifestFacts facts = session.Facts;
        byte[] receipt = store.Format.IssueReceipt(new ReceiptFacts(
            facts.DeviceId, facts.Sequence, session.LengthBytes, digest, SHA256.HashData(session.Manifest),
            store.Time.GetUtcNow().ToUnixTimeMilliseconds(), session.Id));
        if (store.Records.SetState(session.Id, RecordRow.Open, RecordRow.Decided, receipt))
        {
            return receipt;
        }

        RecordRow? row = store.Records.Find(session.Id);
        return row?.State is RecordRow.Decided or RecordRow.Stored ? row.Receipt : null;
    }

    // A roll-forward skips objects an earlier attempt wrote: each write would add a version.
    private static async Task WriteRecordAsync(ClusterStore store, UploadSession session, byte[] receipt, bool rollForward)
    {
        if (session.Facts.IsSegment)
        {
            await store.Staging.WriteSegmentAsync(session.Id, ObjectKeys.Segment(session.DeviceId, session.Sequence), session.LengthBytes).ConfigureAwait(false);
        }

        string manifestKey = ObjectKeys.Manifest(session.DeviceId, session.Sequence);
        if (!rollForward || !await store.Objects.EvidenceExistsAsync(manifestKey, session.Manifest.Length).ConfigureAwait(false))
        {
            await store.Objects.PutEvidenceAsync(manifestKey, session.Manifest).ConfigureAwait(false);
        }

        string receiptKey = ObjectKeys.Receipt(session.DeviceId, session.Sequence);
        if (!rollForward || !await store.Objects.EvidenceExistsAsync(receiptKey, receipt.Length).ConfigureAwait(false))
        {
            await store.Objects.PutEvidenceAsync(receiptKey, receipt).ConfigureAwait(false);
        }
    }

    // Staged bytes are no longer needed once the record is stored; leftovers (a node died here)
    // are only space, removed with the prefix by a later completion or termination of the id.
    private static async Task CleanUpAsync(ClusterStore store, UploadSession session)
    {
        try
        {
            store.Records.DeleteStaged(session.Id);
            await store.Objects.DeleteStagedPrefixAsync(ObjectKeys.StagingPrefix(session.Id)).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            return;
        }
    }
}
