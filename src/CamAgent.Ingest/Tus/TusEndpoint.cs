using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Connections;
using CamAgent.Ingest.Tls;
using CamAgent.Ingest.Tus.Rules;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus;

/// <summary>
/// The single request entry point: routes /files/ (OPTIONS, POST) and /files/&lt;id&gt; (HEAD,
/// PATCH, DELETE) to one handler per operation, after the checks every request needs: tus
/// version (412), an authenticated device whose certificate is still valid and not revoked (403,
/// re-checked on every request so a revocation or expiry takes effect on open connections).
/// Client mistakes are always answered 4xx with CamAgent-Error; storage failures, a store short of
/// free space and an audit log that cannot be written 503 storage-unavailable with Retry-After.
/// </summary>
internal static class TusEndpoint
{
    public static async Task InvokeAsync(HttpContext http, IngestServices services)
    {
        try
        {
            await InvokeOnceAsync(http, services).ConfigureAwait(false);
        }
        finally
        {
            ConnectionActivity.Of(http)?.Served(); // what arrived on the connection so far was this request
        }
    }

    private static async Task InvokeOnceAsync(HttpContext http, IngestServices services)
    {
        http.Response.Headers[TusHeaders.TusResumable] = TusHeaders.ProtocolVersion;
        string path = http.Request.Path.Value ?? "";
        bool collection = path is "/files/" or "/files";
        string? id = !collection && path.StartsWith(TusHeaders.CreationPath, StringComparison.Ordinal) ? path[TusHeaders.CreationPath.Length..] : null;
        string method = http.Request.Method;
        if (collection && HttpMethods.IsOptions(method))
        {
            OptionsHandler.Handle(http, services.Limits);
            return;
        }

        TusRequest request = Identify(http, services, OperationOf(method));
        await HandleAsync(request, collection, id, method).ConfigureAwait(false);
        await request.WhenRecordedAsync().ConfigureAwait(false);
    }

    private static async Task HandleAsync(TusRequest request, bool collection, string? id, string method)
    {
        HttpContext http = request.Http;
        if (!Authorize(request))
        {
            return;
        }

        Rejection? rejection = TusResumableRule.Check(http.Request.Headers);
        if (rejection is not null)
        {
            http.Response.Headers[TusHeaders.TusVersion] = TusHeaders.ProtocolVersion;
            request.Reject(rejection);
            return;
        }

        if (StoresData(method) && request.Services.Store.IsLow())
        {
            request.Reject(new Rejection(StatusCodes.Status503ServiceUnavailable, ErrorCodes.StorageUnavailable), id);
            return;
        }

        try
        {
            await DispatchAsync(request, collection, id, method).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !http.RequestAborted.IsCancellationRequested)
        {
            // Disk full, or the store unwritable: what was acknowledged before stays valid.
            ClearForError(http);
            request.Reject(new Rejection(StatusCodes.Status503ServiceUnavailable, ErrorCodes.StorageUnavailable), id);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away while waiting for its upload's gate: there is no one to
            // answer, and nothing was changed (bytes that did arrive are already accounted for).
            return;
        }
        catch (BadHttpRequestException bad)
        {
            ClearForError(http);
            request.Reject(new Rejection(bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest), id);
        }
    }

    private static Task DispatchAsync(TusRequest request, bool collection, string? id, string method)
    {
        if (collection && HttpMethods.IsPost(method))
        {
            return CreationHandler.HandleAsync(request);
        }

        if (collection)
        {
            request.Http.Response.Headers.Allow = "OPTIONS, POST";
            request.Reject(new Rejection(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed));
            return Task.CompletedTask;
        }

        if (id is null || id.Length == 0 || id.Contains('/', StringComparison.Ordinal))
        {
            request.Reject(new Rejection(StatusCodes.Status404NotFound, ErrorCodes.NotFound));
            return Task.CompletedTask;
        }

        if (HttpMethods.IsHead(method))
        {
            return HeadHandler.HandleAsync(request, id);
        }

        if (HttpMethods.IsPatch(method))
        {
            return PatchHandler.HandleAsync(request, id);
        }

        if (HttpMethods.IsDelete(method))
        {
            return TerminationHandler.HandleAsync(request, id);
        }

        request.Http.Response.Headers.Allow = "HEAD, PATCH, DELETE";
        request.Reject(new Rejection(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed), id);
        return Task.CompletedTask;
    }

    private static TusRequest Identify(HttpContext http, IngestServices services, string operation)
    {
        X509Certificate2? certificate = http.Connection.ClientCertificate;
        if (certificate is null)
        {
            // The handshake requires a certificate; reaching here without one is a server bug.
            throw new InvalidOperationException("A request arrived without a client certificate.");
        }

        // The certificate is the connection's: its identity is worked out once per connection
        // (at the handshake, ConnectionAdmission), not once per request.
        DeviceIdentity device = DeviceIdentity.OfConnection(http.Features.Get<IConnectionItemsFeature>()?.Items, certificate);
        return new TusRequest(http, device, services, operation);
    }

    // The device's certificate is still valid and not revoked; otherwise the request is refused.
    private static bool Authorize(TusRequest request)
    {
        IngestServices services = request.Services;
        if (services.Time.GetUtcNow().UtcDateTime > request.Device.NotAfterUtc)
        {
            request.Reject(new Rejection(StatusCodes.Status403Forbidden, ErrorCodes.CertificateExpired));
            return false;
        }

        switch (services.Revocations.Check(request.Device.SerialNumber))
        {
            case RevocationStatus.Revoked:
                request.Reject(new Rejection(StatusCodes.Status403Forbidden, ErrorCodes.DeviceRevoked));
                return false;
            case RevocationStatus.ListUnusable:
                request.Reject(new Rejection(StatusCodes.Status503ServiceUnavailable, ErrorCodes.RevocationListUnusable));
                return false;
        }

        return true;
    }

    // Creation and PATCH are what fills the store; HEAD, DELETE and OPTIONS keep working on a full disk.
    private static bool StoresData(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPatch(method);

    private static string OperationOf(string method) => method switch
    {
        "POST" => "create",
        "HEAD" => "head",
        "PATCH" => "patch",
        "DELETE" => "terminate",
        _ => method.ToLowerInvariant(),
    };

    private static void ClearForError(HttpContext http)
    {
        if (!http.Response.HasStarted)
        {
            http.Response.Headers.Remove(TusHeaders.Receipt);
            http.Response.Headers.Remove(TusHeaders.UploadOffset);
            http.Response.Headers.Remove(TusHeaders.UploadExpires);
            http.Response.Headers.Location = default;
        }
    }
}
