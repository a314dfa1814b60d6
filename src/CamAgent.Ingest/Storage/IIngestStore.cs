using CamAgent.Ingest.Evidence;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// Where the ingest server keeps uploads and records: the filesystem store on one disk
/// (<see cref="UploadStore"/>, docs/ingest-server.md §4) or the cluster store on PostgreSQL and S3
/// (docs/ingest-cluster.md). The request handlers see only this contract.
/// Contract: storage failures throw <see cref="IOException"/> (answered 503 storage-unavailable);
/// what was acknowledged before stays valid. An <see cref="UploadSession"/> returned here may be
/// changed only by holders of its <see cref="UploadSession.Gate"/>. A creation or a completion
/// may return with its last step not yet durable: it is answered only after
/// <see cref="WhenDurableAsync"/>, which a request awaits together with its audit line, so
/// both share one flush where the store has shared flushes.
/// </summary>
public interface IIngestStore : IDisposable
{
    /// <summary>Uploads removed as expired while the store was opened (for the audit log).</summary>
    IReadOnlyList<string> ExpiredAtStart { get; }

    /// <summary>The unfinished upload with this id, or null.</summary>
    UploadSession? FindOpen(string uploadId);

    /// <summary>The finished record (receipt stored), or null.</summary>
    StoredRecord? FindStored(string deviceId, ulong sequence);

    /// <summary>True when the upload was terminated or expired (answered 410 Gone).</summary>
    bool IsGone(string uploadId);

    /// <summary>
    /// Creates an upload for a manifest the caller has verified and bound to the device; the
    /// sequence-conflict and chain-link rules are decided here, against every node's uploads.
    /// The upload (or record) is durable once <see cref="WhenDurableAsync"/> called after it completes.
    /// </summary>
    Task<CreateResult> CreateAsync(byte[] manifest, ManifestFacts facts);

    /// <summary>
    /// Completes once every step the store took before the call is durable (faults with
    /// <see cref="IOException"/> when it cannot be made so); at once where every step is durable
    /// as it is taken.
    /// </summary>
    Task WhenDurableAsync();

    /// <summary>
    /// Appends a PATCH body at <paramref name="requestOffset"/> (takes the upload's gate);
    /// acknowledged bytes are durable. The PATCH that completes the upload completes it as
    /// <see cref="CompleteAsync"/> does.
    /// </summary>
    Task<AppendResult> AppendAsync(UploadSession session, long requestOffset, Stream body, long contentLength);

    /// <summary>
    /// Removes unfinished uploads that expired without anyone asking for them again (an upload a
    /// request holds is left for the next sweep) and returns their ids, for the audit log.
    /// </summary>
    Task<IReadOnlyList<string>> ExpireAbandonedAsync();

    /// <summary>
    /// Checks the digest of an upload holding every byte and stores the record. Caller holds the
    /// gate. The record is decided when this returns and durable once <see cref="WhenDurableAsync"/>
    /// called after it completes.
    /// </summary>
    Task<AppendResult> CompleteAsync(UploadSession session);

    /// <summary>Terminates an unfinished upload (tus termination). Caller holds the gate.</summary>
    void Terminate(UploadSession session);

    /// <summary>True when the upload has seen no activity for longer than the expiry period.</summary>
    bool IsExpired(UploadSession session);

    /// <summary>When an unfinished upload expires (tus expiration: Upload-Expires).</summary>
    DateTime ExpiresUtc(UploadSession session);

    /// <summary>True when the store cannot take more evidence now (answered 503 storage-unavailable).</summary>
    bool IsLow();
}
