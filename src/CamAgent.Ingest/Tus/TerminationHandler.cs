using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Storage;
using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus;

/// <summary>
/// DELETE /files/&lt;id&gt; (tus 1.0.0 §3.4 termination): "When receiving a DELETE request for
/// an existing upload the Server SHOULD free associated resources and MUST respond with the 204
/// No Content status ... For all future requests to this URL, the Server SHOULD respond with the
/// 404 Not Found or 410 Gone status." Stored, receipted evidence is never deleted by a device (403).
/// </summary>
internal static class TerminationHandler
{
    public static async Task HandleAsync(TusRequest request, string id)
    {
        if (!UploadResolver.TryResolve(request, id, out UploadSession? session, out StoredRecord? stored))
        {
            return;
        }

        if (session is null)
        {
            request.Reject(new Rejection(StatusCodes.Status403Forbidden, ErrorCodes.RecordStored), stored!.UploadId);
            return;
        }

        if (!await session.Gate.WaitAsync(Storage.UploadAppender.GateWait, request.Http.RequestAborted).ConfigureAwait(false))
        {
            request.Reject(new Rejection(StatusCodes.Status423Locked, ErrorCodes.UploadLocked), session.Id, session.Sequence);
            return;
        }

        try
        {
            if (session.IsClosed)
            {
                request.Reject(new Rejection(StatusCodes.Status410Gone, ErrorCodes.UploadGone), session.Id, session.Sequence);
                return;
            }

            request.Services.Store.Terminate(session);
        }
        finally
        {
            session.Gate.Release();
        }

        request.Http.Response.StatusCode = StatusCodes.Status204NoContent;
        request.Record(AuditEntry.Accept, "terminated", StatusCodes.Status204NoContent, session.Id, session.Sequence);
    }
}
