using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus;

/// <summary>
/// tus 1.0.0 §3.3 OPTIONS: "A successful response indicated by the 204 No Content or 200 OK
/// status MUST contain the Tus-Version header. It MAY include the Tus-Extension and Tus-Max-Size
/// headers." The client's Tus-Resumable is ignored here, as the section requires.
/// </summary>
internal static class OptionsHandler
{
    public static void Handle(HttpContext http, IngestLimits limits)
    {
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        http.Response.Headers[TusHeaders.TusVersion] = TusHeaders.ProtocolVersion;
        http.Response.Headers[TusHeaders.TusExtension] = TusHeaders.Extensions;
        http.Response.Headers[TusHeaders.TusMaxSize] = limits.MaxSegmentBytes.ToString(CultureInfo.InvariantCulture);
    }
}
