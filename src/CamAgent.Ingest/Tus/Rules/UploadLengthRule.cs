using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus.Rules;

/// <summary>
/// tus 1.0.0 §3.1 (creation): "The Client MUST send a POST request ... including the
/// Upload-Length or Upload-Defer-Length header"; Upload-Length "MUST be a non-negative integer";
/// "If the length of the upload exceeds the maximum, which MAY be specified using the
/// Tus-Max-Size header, the Server MUST respond with the 413 Request Entity Too Large status."
/// The length is always known to a camera (the manifest seals it), so deferred length
/// (creation-defer-length) is not offered.
/// </summary>
public static class UploadLengthRule
{
    public static Rejection? Read(IHeaderDictionary headers, long maxBytes, out long length)
    {
        length = 0;
        if (headers.ContainsKey(TusHeaders.UploadDeferLength))
        {
            return new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.DeferLengthUnsupported);
        }

        if (!IntegerHeader.TryRead(headers, TusHeaders.UploadLength, out length, out _))
        {
            return new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.InvalidUploadLength);
        }

        return length > maxBytes ? new Rejection(StatusCodes.Status413PayloadTooLarge, ErrorCodes.SegmentTooLarge) : null;
    }
}
