using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Evidence;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tus.Rules;
using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus;

/// <summary>
/// POST /files/ (tus 1.0.0 §3.1 creation, docs/upload-protocol.md §3.2). The manifest is verified and bound
/// to the TLS client certificate before any content is accepted: signature, certificate in
/// x5chain = client certificate, device id = certificate CN, Upload-Length = sealed length,
/// sequence not reused, chain link to the stored neighbours. Re-creating with the identical
/// manifest is idempotent (a device whose POST response was lost simply retries).
/// </summary>
internal static class CreationHandler
{
    public static async Task HandleAsync(TusRequest request)
    {
        HttpRequest http = request.Http.Request;
        if (http.ContentLength > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            request.Reject(new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.BodyNotAllowed));
            return;
        }

        byte[] manifest = Array.Empty<byte>();
        Rejection? rejection = UploadLengthRule.Read(http.Headers, request.Services.Limits.MaxSegmentBytes, out long length)
            ?? UploadMetadataRule.ReadManifest(http.Headers, out manifest);
        if (rejection is not null)
        {
            request.Reject(rejection);
            return;
        }

        rejection = VerifyManifest(request, manifest, length, out ManifestFacts? facts);
        if (rejection is not null)
        {
            request.Reject(rejection, facts is null ? null : UploadId.Format(facts.DeviceId, facts.Sequence), facts?.Sequence);
            return;
        }

        await CreateAsync(request, manifest, facts!).ConfigureAwait(false);
    }

    private static Rejection? VerifyManifest(TusRequest request, byte[] manifest, long length, out ManifestFacts? facts)
    {
        switch (request.Services.Format.ReadManifest(manifest, out facts))
        {
            case ManifestVerdict.Malformed:
                return new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.ManifestMalformed);
            case ManifestVerdict.SignatureInvalid:
                return new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.ManifestSignatureInvalid);
            case ManifestVerdict.CertificateInvalid:
                return new Rejection(StatusCodes.Status403Forbidden, ErrorCodes.ManifestCertificateRejected);
            case ManifestVerdict.IdentityMismatch:
                return new Rejection(StatusCodes.Status403Forbidden, ErrorCodes.DeviceIdMismatch);
        }

        if (!facts!.SignerCertificateDer.AsSpan().SequenceEqual(request.Device.CertificateDer))
        {
            return new Rejection(StatusCodes.Status403Forbidden, ErrorCodes.ManifestCertificateMismatch);
        }

        if (facts.DeviceId != request.Device.DeviceId)
        {
            return new Rejection(StatusCodes.Status403Forbidden, ErrorCodes.DeviceIdMismatch);
        }

        bool lengthMatches = length == facts.ContentLengthBytes && (facts.IsSegment || length == 0);
        return lengthMatches ? null : new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.LengthMismatch);
    }

    private static async Task CreateAsync(TusRequest request, byte[] manifest, ManifestFacts facts)
    {
        string id = UploadId.Format(facts.DeviceId, facts.Sequence);
        (CreateStatus status, UploadSession? session, StoredRecord? stored) = await request.Services.Store.CreateAsync(manifest, facts).ConfigureAwait(false);
        switch (status)
        {
            case CreateStatus.SequenceConflict:
                request.Reject(new Rejection(StatusCodes.Status409Conflict, ErrorCodes.SequenceConflict), id, facts.Sequence);
                return;
            case CreateStatus.ChainLinkMismatch:
                request.Reject(new Rejection(StatusCodes.Status409Conflict, ErrorCodes.ChainLinkMismatch), id, facts.Sequence);
                return;
            case CreateStatus.TooManyOpenUploads:
                request.Reject(new Rejection(StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyOpenUploads), id, facts.Sequence);
                return;
            case CreateStatus.DigestMismatch:
                request.Reject(new Rejection(TusStatus.ContentDigestMismatch, ErrorCodes.ContentDigestMismatch), id, facts.Sequence);
                return;
        }

        request.StoreChanged();
        request.Http.Response.StatusCode = StatusCodes.Status201Created;
        request.Http.Response.Headers.Location = TusHeaders.CreationPath + id;
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

        string code = status switch
        {
            CreateStatus.Created => "created",
            CreateStatus.StoredWithoutContent => "stored",
            _ => "already-created",
        };
        request.Record(AuditEntry.Accept, code, StatusCodes.Status201Created, id, facts.Sequence);
    }
}
