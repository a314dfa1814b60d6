using System.Buffers;
using CamAgent.Ingest.Storage;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// PATCH on the cluster store (tus 1.0.0 §3.2 PATCH). The body is staged as one object, then the
/// offset moves by a compare-and-set in PostgreSQL: only then is it acknowledged, so an
/// acknowledged byte is in S3 and registered, whichever node dies next. The node's gate orders
/// its own requests; between nodes the compare-and-set decides, and the loser answers 409
/// offset-mismatch with the winner's offset.
/// </summary>
internal static class ClusterAppender
{
    public static async Task<AppendResult> AppendAsync(ClusterStore store, UploadSession session, long requestOffset, Stream body, long contentLength)
    {
        if (!await session.Gate.WaitAsync(UploadAppender.GateWait).ConfigureAwait(false))
        {
            return new AppendResult(AppendStatus.Busy, session.OffsetBytes);
        }

        try
        {
            if (!store.Refresh(session))
            {
                return new AppendResult(AppendStatus.Closed, 0);
            }

            if (requestOffset != session.OffsetBytes)
            {
                return new AppendResult(AppendStatus.OffsetMismatch, session.OffsetBytes);
            }

            session.Digest ??= await store.Staging.RebuildDigestAsync(store.Format, session).ConfigureAwait(false);
            AppendResult? failed = await StageBodyAsync(store, session, body, contentLength).ConfigureAwait(false);
            if (failed is not null)
            {
                return failed;
            }

            if (session.OffsetBytes == session.LengthBytes)
            {
                return await ClusterCommitter.CompleteAsync(store, session).ConfigureAwait(false);
            }

            await RollUpQuietlyAsync(store, session).ConfigureAwait(false);
            return new AppendResult(AppendStatus.Stored, session.OffsetBytes);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    // The bytes are already acknowledged-durable; a roll-up that fails (or loses a race) is only
    // tidying, and the next PATCH or the completion does it again.
    private static async Task RollUpQuietlyAsync(ClusterStore store, UploadSession session)
    {
        try
        {
            await store.Staging.RollUpAsync(session.Id, final: false).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            return;
        }
    }

    // Reads the body (what arrived is kept, as on the filesystem store), stages it and moves the
    // offset. Returns null when the whole body was stored, else the answer to give.
    private static async Task<AppendResult?> StageBodyAsync(ClusterStore store, UploadSession session, Stream body, long contentLength)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)contentLength);
        try
        {
            int received = 0;
            bool complete = true;
            while (received < contentLength)
            {
                int read = await UploadAppender.ReadBodyAsync(body, buffer.AsMemory(received, (int)contentLength - received)).ConfigureAwait(false);
                if (read <= 0)
                {
                    complete = false;
                    break;
                }

                received += read;
            }

            if (received > 0 && !await CommitPieceAsync(store, session, buffer, received).ConfigureAwait(false))
            {
                return new AppendResult(AppendStatus.OffsetMismatch, session.OffsetBytes);
            }

            return complete ? null : new AppendResult(AppendStatus.BodyIncomplete, session.OffsetBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<bool> CommitPieceAsync(ClusterStore store, UploadSession session, byte[] buffer, int count)
    {
        long from = session.OffsetBytes;
        string key = ObjectKeys.Piece(session.Id, from);
        await store.Objects.PutStagedAsync(key, buffer, count).ConfigureAwait(false);
        DateTime now = store.Time.GetUtcNow().UtcDateTime;
        if (!await store.Records.AdvanceAsync(session.Id, from, from + count, key, now).ConfigureAwait(false))
        {
            await store.Objects.DeleteStagedAsync(key).ConfigureAwait(false);
            session.Digest = null;
            store.Refresh(session);
            return false;
        }

        session.Digest!.Append(buffer, 0, count);
        session.OffsetBytes = from + count;
        session.LastActivityUtc = now;
        return true;
    }
}
