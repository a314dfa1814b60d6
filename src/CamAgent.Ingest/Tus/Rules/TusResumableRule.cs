using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus.Rules;

/// <summary>
/// tus 1.0.0 §2.2 Tus-Resumable: "The Tus-Resumable header MUST be included in every request
/// and response except for OPTIONS requests. ... If the Client's version is not supported by the
/// Server, it MUST respond with the 412 Precondition Failed status and MUST include the
/// Tus-Version header into the response."
/// </summary>
public static class TusResumableRule
{
    public static Rejection? Check(IHeaderDictionary headers)
    {
        var values = headers[TusHeaders.TusResumable];
        return values.Count == 1 && values[0] == TusHeaders.ProtocolVersion
            ? null
            : new Rejection(StatusCodes.Status412PreconditionFailed, ErrorCodes.TusVersionUnsupported);
    }
}
