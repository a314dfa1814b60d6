using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus.Rules;

/// <summary>
/// tus 1.0.0 §3.2 PATCH: "All PATCH requests MUST use Content-Type:
/// application/offset+octet-stream, otherwise the server SHOULD return a 415 Unsupported Media
/// Type status." Parameters are not allowed on this media type.
/// </summary>
public static class ContentTypeRule
{
    public static Rejection? Check(HttpRequest request)
    {
        return string.Equals(request.ContentType, TusHeaders.OffsetOctetStream, StringComparison.OrdinalIgnoreCase)
            ? null
            : new Rejection(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedContentType);
    }
}
