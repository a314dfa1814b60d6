using System.Globalization;
using CamAgent.Ingest.Storage;
using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus;

/// <summary>
/// HEAD /files/&lt;id&gt; (tus 1.0.0 §3.2 HEAD): "The Server MUST always include the
/// Upload-Offset header in the response ... it MUST include the Upload-Length header" and "MUST
/// prevent the client and/or proxies from caching the response by adding the Cache-Control:
/// no-store header". A stored record also returns its receipt (CONTRACTS: HEAD), which is how a
/// device that lost the final PATCH response obtains it.
/// </summary>
internal static class HeadHandler
{
    public static void Handle(TusRequest request, string id)
    {
        request.Http.Response.Headers.CacheControl = "no-store";
        if (!UploadResolver.TryResolve(request, id, out UploadSession? session, out StoredRecord? stored))
        {
            return;
        }

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
