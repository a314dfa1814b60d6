using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tus.Rules;
using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus;

/// <summary>
/// PATCH /files/&lt;id&gt; (tus 1.0.0 §3.2 PATCH): "The Server SHOULD accept PATCH requests
/// against any upload URL and apply the bytes contained in the message at the given offset
/// specified by the Upload-Offset header ... If the offsets do not match, the Server MUST respond
/// with the 409 Conflict status without modifying the upload resource ... The Server MUST
/// acknowledge successful PATCH requests with the 204 No Content status. It MUST include the
/// Upload-Offset header containing the new offset." The new offset is only sent once the bytes
/// are on disk. The last byte triggers the content-digest check: 204 with the receipt, or 460
/// and the upload discarded (docs/upload-protocol.md §3.4).
/// </summary>
internal static class PatchHandler
{
    public static async Task HandleAsync(TusRequest request, string id)
    {
        if (!UploadResolver.TryResolve(request, id, out UploadSession? session, out StoredRecord? stored))
        {
            return;
        }

        HttpRequest http = request.Http.Request;
        long offset = 0;
        Rejection? rejection = ContentTypeRule.Check(http) ?? UploadOffsetRule.Read(http.Headers, out offset);
        if (rejection is not null)
        {
            request.Reject(rejection, id, session?.Sequence);
            return;
        }

        long current = session?.OffsetBytes ?? stored!.ContentLengthBytes;
        if (session is null || offset != current)
        {
            request.Reject(new Rejection(StatusCodes.Status409Conflict, ErrorCodes.OffsetMismatch), id, session?.Sequence, current);
            return;
        }

        rejection = PatchLengthRule.Check(http, request.Services.Limits.MaxPatchBodyBytes, offset, session.LengthBytes);
        if (rejection is not null)
        {
            request.Reject(rejection, id, session.Sequence, current);
            return;
        }

        AppendResult result = await request.Services.Store.AppendAsync(
            session, offset, http.Body, http.ContentLength!.Value).ConfigureAwait(false);
        Answer(request, session, result);
    }

    private static void Answer(TusRequest request, UploadSession session, AppendResult result)
    {
        switch (result.Status)
        {
            case AppendStatus.Stored:
                request.Http.Response.StatusCode = StatusCodes.Status204NoContent;
                request.SetOffset(result.OffsetBytes);
                request.SetExpires(session);
                break;
            case AppendStatus.Completed:
                request.StoreChanged();
                request.Http.Response.StatusCode = StatusCodes.Status204NoContent;
                request.SetOffset(result.OffsetBytes);
                request.SetReceipt(result.Receipt!);
                request.Record(AuditEntry.Accept, "stored", StatusCodes.Status204NoContent, session.Id, session.Sequence);
                break;
            case AppendStatus.DigestMismatch:
                request.Reject(new Rejection(TusStatus.ContentDigestMismatch, ErrorCodes.ContentDigestMismatch), session.Id, session.Sequence);
                break;
            case AppendStatus.BodyIncomplete:
                request.Reject(new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.BodyIncomplete), session.Id, session.Sequence, result.OffsetBytes);
                break;
            case AppendStatus.OffsetMismatch:
                request.Reject(new Rejection(StatusCodes.Status409Conflict, ErrorCodes.OffsetMismatch), session.Id, session.Sequence, result.OffsetBytes);
                break;
            case AppendStatus.Busy:
                request.Reject(new Rejection(StatusCodes.Status423Locked, ErrorCodes.UploadLocked), session.Id, session.Sequence, result.OffsetBytes);
                break;
            default:
                request.Reject(new Rejection(StatusCodes.Status410Gone, ErrorCodes.UploadGone), session.Id, session.Sequence);
                break;
        }
    }
}
