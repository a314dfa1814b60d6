using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus.Rules;

/// <summary>
/// tus 1.0.0 §2.2 Upload-Offset: "The Upload-Offset request and response header indicates a
/// byte offset within a resource. The value MUST be a non-negative integer." A PATCH without a
/// valid one is malformed (400).
/// </summary>
public static class UploadOffsetRule
{
    public static Rejection? Read(IHeaderDictionary headers, out long offset)
    {
        return IntegerHeader.TryRead(headers, TusHeaders.UploadOffset, out offset, out _)
            ? null
            : new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.InvalidUploadOffset);
    }
}
