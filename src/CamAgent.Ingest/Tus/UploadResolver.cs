using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Storage;
using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus;

/// <summary>
/// Finds the upload a HEAD, PATCH or DELETE names. A device may only touch its own uploads
/// (403 not-your-upload, decided from the id alone so nothing about other devices leaks);
/// unknown ids are 404; terminated or expired ones 410 (tus 1.0.0 §3.2 HEAD, §3.5 expiration).
/// </summary>
internal static class UploadResolver
{
    /// <summary>Returns false after answering the request; otherwise exactly one of the outs is set.</summary>
    public static bool TryResolve(TusRequest request, string id, out UploadSession? session, out StoredRecord? stored)
    {
        session = null;
        stored = null;
        if (!UploadId.TryParse(id, out string deviceId, out ulong sequence))
        {
            request.Reject(new Rejection(StatusCodes.Status404NotFound, ErrorCodes.UnknownUpload));
            return false;
        }

        if (deviceId != request.Device.DeviceId)
        {
            request.Reject(new Rejection(StatusCodes.Status403Forbidden, ErrorCodes.NotYourUpload), id, sequence);
            return false;
        }

        var store = request.Services.Store;
        session = store.FindOpen(id);
        if (session is not null && store.IsExpired(session))
        {
            Expire(request, session);
            session = null;
        }

        stored = session is null ? store.FindStored(deviceId, sequence) : null;
        if (session is not null || stored is not null)
        {
            return true;
        }

        bool gone = store.IsGone(id);
        request.Reject(gone
            ? new Rejection(StatusCodes.Status410Gone, ErrorCodes.UploadGone)
            : new Rejection(StatusCodes.Status404NotFound, ErrorCodes.UnknownUpload), id, sequence);
        return false;
    }

    private static void Expire(TusRequest request, UploadSession session)
    {
        request.Services.Store.Terminate(session);
        request.Record(AuditEntry.Expired(session.Id));
    }
}
