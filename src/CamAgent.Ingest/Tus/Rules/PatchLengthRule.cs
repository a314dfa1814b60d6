using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus.Rules;

/// <summary>
/// Bounds of a PATCH body. A Content-Length is required (RFC 9110 §15.5.12, 411) so the server
/// knows before reading that the body fits: at most the configured body limit (413), and never
/// past the declared Upload-Length (tus 1.0.0 §3.2: the server must not accept more than the
/// upload's length; 400).
/// </summary>
public static class PatchLengthRule
{
    public static Rejection? Check(HttpRequest request, long maxBodyBytes, long offset, long uploadLength)
    {
        if (request.ContentLength is not long contentLength)
        {
            return new Rejection(StatusCodes.Status411LengthRequired, ErrorCodes.ContentLengthRequired);
        }

        if (contentLength > maxBodyBytes)
        {
            return new Rejection(StatusCodes.Status413PayloadTooLarge, ErrorCodes.BodyTooLarge);
        }

        return contentLength > uploadLength - offset
            ? new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.LengthExceeded)
            : null;
    }
}
