using System.Globalization;
using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tls;
using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus;

/// <summary>One tus request from an authenticated device, with the answers every handler gives the same way.</summary>
public sealed class TusRequest
{
    private List<Task>? _recording;
    private bool _storeChanged;
    private bool _storeCoveredByLine;

    internal TusRequest(HttpContext http, DeviceIdentity device, IngestServices services, string operation)
    {
        Http = http;
        Device = device;
        Services = services;
        Operation = operation;
    }

    public HttpContext Http { get; }

    public DeviceIdentity Device { get; }

    internal IngestServices Services { get; }

    /// <summary>Audit name of the operation ("create", "patch", "head", "terminate").</summary>
    public string Operation { get; }

    public string? RemoteAddress => Http.Connection.RemoteIpAddress is null
        ? null
        : Http.Connection.RemoteIpAddress + ":" + Http.Connection.RemotePort.ToString(CultureInfo.InvariantCulture);

    /// <summary>Answers with <paramref name="rejection"/>, records it in the audit log, and sets Upload-Offset when given.</summary>
    public void Reject(Rejection rejection, string? uploadId = null, ulong? sequence = null, long? offset = null)
    {
        HttpResponse response = Http.Response;
        response.StatusCode = rejection.Status;
        response.Headers[TusHeaders.Error] = rejection.Code;
        if (offset is long value)
        {
            response.Headers[TusHeaders.UploadOffset] = value.ToString(CultureInfo.InvariantCulture);
        }

        if (rejection.Status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status423Locked)
        {
            response.Headers.RetryAfter = Services.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        Record(AuditEntry.Reject, rejection.Code, rejection.Status, uploadId, sequence);
    }

    /// <summary>
    /// Records a decision in the audit log. The response waits until the line is durable
    /// (<see cref="WhenRecordedAsync"/>); a decision the log cannot take is not answered either:
    /// the response becomes 503 storage-unavailable and the device asks again (the log counts the
    /// unrecorded decision on its next line).
    /// </summary>
    public void Record(string outcome, string code, int status, string? uploadId, ulong? sequence)
    {
        Record(new AuditEntry(outcome, Operation, code, status, Device.DeviceId, Device.SerialNumber, RemoteAddress, uploadId, sequence));
    }

    /// <summary>Records <paramref name="entry"/> as <see cref="Record(string, string, int, string?, ulong?)"/> does.</summary>
    internal void Record(AuditEntry entry)
    {
        try
        {
            (_recording ??= []).Add(Services.Audit.AppendAsync(entry));
            _storeCoveredByLine |= _storeChanged && Services.LinesCoverStore;
        }
        catch (IOException)
        {
            AnswerStorageUnavailable();
        }
    }

    /// <summary>
    /// Marks a decision that changed the store (a creation, a completion, a receipt handed out):
    /// its answer also waits for the store's last steps to be durable (<see cref="IIngestStore.WhenDurableAsync"/>).
    /// </summary>
    public void StoreChanged()
    {
        _storeChanged = true;
        _storeCoveredByLine = false; // only a line written after this change covers it
    }

    /// <summary>
    /// Completes once every decision this request recorded is durable in the audit log and,
    /// after <see cref="StoreChanged"/>, the store's steps too; where one is not, the response
    /// becomes 503 storage-unavailable. The endpoint awaits it before the response leaves, so
    /// flushes are shared by concurrent requests without a decision ever being answered before it
    /// is on disk. Where a line's flush covers the store's steps (<see cref="IngestServices.LinesCoverStore"/>)
    /// and a line was written after the change, that one flush makes both durable.
    /// </summary>
    internal async Task WhenRecordedAsync()
    {
        if (_storeChanged && !_storeCoveredByLine)
        {
            await AnswerUnavailableOnFailureAsync(Services.Store.WhenDurableAsync()).ConfigureAwait(false);
        }

        foreach (Task line in _recording ?? [])
        {
            await AnswerUnavailableOnFailureAsync(line).ConfigureAwait(false);
        }
    }

    private async Task AnswerUnavailableOnFailureAsync(Task durable)
    {
        try
        {
            await durable.ConfigureAwait(false);
        }
        catch (IOException)
        {
            AnswerStorageUnavailable();
        }
    }

    /// <summary>Turns the response into 503 storage-unavailable with Retry-After, dropping whatever the decision had set.</summary>
    internal void AnswerStorageUnavailable()
    {
        HttpResponse response = Http.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.Headers.Remove(TusHeaders.Receipt);
        response.Headers.Remove(TusHeaders.UploadOffset);
        response.Headers.Remove(TusHeaders.UploadExpires);
        response.Headers.Location = default;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers[TusHeaders.Error] = ErrorCodes.StorageUnavailable;
        response.Headers.RetryAfter = Services.Limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Sets Upload-Offset.</summary>
    public void SetOffset(long offset)
    {
        Http.Response.Headers[TusHeaders.UploadOffset] = offset.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Sets Upload-Expires (tus expiration: RFC 9110 HTTP-date).</summary>
    public void SetExpires(UploadSession session)
    {
        Http.Response.Headers[TusHeaders.UploadExpires] = Services.Store.ExpiresUtc(session).ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Sets CamAgent-Receipt (base64 of the receipt's COSE_Sign1).</summary>
    public void SetReceipt(byte[] receipt)
    {
        Http.Response.Headers[TusHeaders.Receipt] = Convert.ToBase64String(receipt);
    }
}
