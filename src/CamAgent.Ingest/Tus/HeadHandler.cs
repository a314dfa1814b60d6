using System.Globalization;
using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Connections;
using CamAgent.Ingest.Storage;
using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus;

/// <summary>
/// HEAD /files/&lt;id&gt; (tus 1.0.0 §3.2 HEAD): "The Server MUST always include the
/// Upload-Offset header in the response ... it MUST include the Upload-Length header" and "MUST
/// prevent the client and/or proxies from caching the response by adding the Cache-Control:
/// no-store header". A stored record also returns its receipt (docs/upload-protocol.md §3.3), which is how a
/// device that lost the final PATCH response obtains it. The offset is read once no other
/// request holds the upload, as for PATCH (423 upload-locked after the same wait).
/// </summary>
internal static class HeadHandler
{
    /// <summary>
    /// How long HEAD waits for the device's other connections to bring a request whose bytes
    /// arrived but were not read yet (<see cref="ConnectionActivity"/>); then it answers anyway.
    /// </summary>
    public static readonly TimeSpan PeerWait = TimeSpan.FromSeconds(2);

    public static async Task HandleAsync(TusRequest request, string id)
    {
        request.Http.Response.Headers.CacheControl = "no-store";
        if (!UploadResolver.TryResolve(request, id, out UploadSession? session, out StoredRecord? stored))
        {
            return;
        }

        if (session is null)
        {
            // A device asks for a stored record's receipt only when it did not get it: the
            // completion's answer was lost, or the node (or server) that stored the record went
            // down before its audit line. The answer is a decision of its own and is recorded,
            // so the log names every record a device was told is stored.
            request.StoreChanged(); // the receipt may be one whose completion is still on its way to disk
            Answer(request, null, stored);
            ulong? sequence = UploadId.TryParse(stored!.UploadId, out _, out ulong value) ? value : null;
            request.Record(AuditEntry.Accept, "stored", StatusCodes.Status200OK, stored.UploadId, sequence);
            return;
        }

        // A PATCH whose connection broke may still be storing the bytes that arrived: the offset
        // is only final once it lets go of the upload. Answering earlier would send the device
        // back to bytes the server is about to keep, and its next PATCH would end in 409. Such a
        // PATCH may not even have been read yet: first its connection is given time to bring it.
        if (session is not null)
        {
            ConnectionActivity? activity = ConnectionActivity.Of(request.Http);
            if (activity is not null)
            {
                await activity.WhenPeersQuietAsync(PeerWait, request.Http.RequestAborted).ConfigureAwait(false);
            }

            if (!await session.Gate.WaitAsync(UploadAppender.GateWait, request.Http.RequestAborted).ConfigureAwait(false))
            {
                request.Reject(new Rejection(StatusCodes.Status423Locked, ErrorCodes.UploadLocked), session.Id, session.Sequence);
                return;
            }

            AppendResult? finished;
            try
            {
                finished = await FinishIfCompleteAsync(request, session).ConfigureAwait(false);
            }
            finally
            {
                session.Gate.Release();
            }

            if (finished?.Status == AppendStatus.DigestMismatch)
            {
                request.Reject(new Rejection(TusStatus.ContentDigestMismatch, ErrorCodes.ContentDigestMismatch), session.Id, session.Sequence);
                return;
            }

            UploadSession held = session;
            if (session.IsClosed && !UploadResolver.TryResolve(request, id, out session, out stored))
            {
                return;
            }

            if (finished?.Status == AppendStatus.Completed)
            {
                request.StoreChanged();
                Answer(request, session, stored);
                request.Record(AuditEntry.Accept, "stored", StatusCodes.Status200OK, held.Id, held.Sequence);
                return;
            }
        }

        Answer(request, session, stored);
    }

    // Every byte arrived, but finishing the record failed (the disk filled while its receipt was
    // written): the device now only asks HEAD for its receipt, so HEAD finishes it. Gate held.
    private static async Task<AppendResult?> FinishIfCompleteAsync(TusRequest request, UploadSession session)
    {
        if (session.IsClosed || session.OffsetBytes != session.LengthBytes)
        {
            return null;
        }

        return await request.Services.Store.CompleteAsync(session).ConfigureAwait(false);
    }

    private static void Answer(TusRequest request, UploadSession? session, StoredRecord? stored)
    {
        request.Http.Response.StatusCode = StatusCodes.Status200OK;
        long length = session?.LengthBytes ?? stored!.ContentLengthBytes;
        request.Http.Response.Headers[TusHeaders.UploadLength] = length.ToString(CultureInfo.InvariantCulture);
        if (session is not null)
        {
            request.SetOffset(session.OffsetBytes);
            request.SetExpires(session);
        }
        else
        {
            request.SetOffset(stored!.ContentLengthBytes);
            request.SetReceipt(stored.Receipt);
        }
    }
}
