using System.Collections.Concurrent;
using CamAgent.Ingest.Evidence;
using CamAgent.Ingest.Storage;
using Npgsql;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// The cluster store (docs/ingest-cluster.md): upload state, the sequence registry and the audit
/// chain in PostgreSQL, evidence in S3 under object lock, bytes of unfinished uploads staged in
/// S3. A node keeps nothing a peer needs: its sessions are a cache of rows, refreshed before
/// every change, so any node continues any upload from the acknowledged offset.
/// </summary>
internal sealed class ClusterStore : IIngestStore
{
    private const int SweepBatch = 1000;

    private readonly ConcurrentDictionary<string, UploadSession> _sessions = new(StringComparer.Ordinal);
    private readonly NpgsqlDataSource _database;
    private readonly IngestLimits _limits;

    public ClusterStore(NpgsqlDataSource database, ObjectStore objects, IEvidenceFormat format, TimeProvider time, IngestLimits limits, long partSizeBytes)
    {
        _database = database;
        _limits = limits;
        Objects = objects;
        Format = format;
        Time = time;
        Records = new RecordTable(database);
        Staging = new ClusterStaging(Records, objects, partSizeBytes);
    }

    public RecordTable Records { get; }

    public ObjectStore Objects { get; }

    public ClusterStaging Staging { get; }

    public IEvidenceFormat Format { get; }

    public TimeProvider Time { get; }

    /// <summary>Expiry is applied when an upload is next asked for, by whichever node is asked.</summary>
    public IReadOnlyList<string> ExpiredAtStart => Array.Empty<string>();

    public UploadSession? FindOpen(string uploadId) => StorageFailure.Guard(() =>
    {
        RecordRow? row = Records.Find(uploadId);
        if (row is null || row.State is RecordRow.Stored or RecordRow.Gone)
        {
            if (_sessions.TryRemove(uploadId, out UploadSession? old))
            {
                old.IsClosed = true;
            }

            return null;
        }

        UploadSession session = _sessions.GetOrAdd(uploadId, _ => SessionOf(row));
        if (session.Gate.Wait(0))
        {
            try
            {
                Adopt(session, row);
            }
            finally
            {
                session.Gate.Release();
            }
        }

        return session.IsClosed ? null : session;
    });

    public StoredRecord? FindStored(string deviceId, ulong sequence) => StorageFailure.Guard(() =>
    {
        using NpgsqlConnection connection = _database.OpenConnection();
        RecordRow? row = RecordTable.Find(connection, null, "device_id = @d AND sequence = @s AND state = 'stored'", ("d", deviceId), ("s", (decimal)sequence));
        return row is null ? null : new StoredRecord(row.UploadId, row.Manifest, row.Receipt!, row.LengthBytes);
    });

    public bool IsGone(string uploadId) => StorageFailure.Guard(() => Records.Find(uploadId)?.State == RecordRow.Gone);

    public async Task<CreateResult> CreateAsync(byte[] manifest, ManifestFacts facts)
    {
        (CreateStatus status, RecordRow? row) = StorageFailure.Guard(() =>
            ClusterCreation.Create(_database, Format, _limits, manifest, facts, Time.GetUtcNow().UtcDateTime));
        if (status is not (CreateStatus.Created or CreateStatus.AlreadyExists))
        {
            return new CreateResult(status);
        }

        if (row!.State == RecordRow.Stored)
        {
            return new CreateResult(status, Stored: FindStored(facts.DeviceId, facts.Sequence));
        }

        var fresh = SessionOf(row);
        _sessions[row.UploadId] = fresh;
        if (status == CreateStatus.AlreadyExists || row.LengthBytes > 0)
        {
            return new CreateResult(status, FindOpen(row.UploadId));
        }

        // A record without content is complete at creation: decide and store it now.
        AppendResult result = await CompleteAsync(fresh).ConfigureAwait(false);
        return result.Status == AppendStatus.Completed
            ? new CreateResult(CreateStatus.StoredWithoutContent, Stored: FindStored(facts.DeviceId, facts.Sequence))
            : new CreateResult(CreateStatus.DigestMismatch);
    }

    /// <summary>At once: PostgreSQL commits and S3 writes are durable when they return.</summary>
    public Task WhenDurableAsync() => Task.CompletedTask;

    public Task<AppendResult> AppendAsync(UploadSession session, long requestOffset, Stream body, long contentLength) =>
        StorageFailure.GuardAsync(() => ClusterAppender.AppendAsync(this, session, requestOffset, body, contentLength));

    public Task<AppendResult> CompleteAsync(UploadSession session) =>
        StorageFailure.GuardAsync(() => ClusterCommitter.CompleteAsync(this, session));

    public void Terminate(UploadSession session) => StorageFailure.Guard(() =>
    {
        Records.SetState(session.Id, RecordRow.Open, RecordRow.Gone);
        DiscardAsync(session).GetAwaiter().GetResult();
        return true;
    });

    /// <summary>
    /// Every node sweeps; the compare-and-set from open to gone decides which one removes an
    /// upload (and audits it). At most <see cref="SweepBatch"/> uploads per sweep.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExpireAbandonedAsync()
    {
        DateTime cutoff = _limits.ExpiryCutoff(Time.GetUtcNow().UtcDateTime);
        var expired = new List<string>();
        foreach (RecordRow row in StorageFailure.Guard(() => Records.OpenIdleSince(cutoff, SweepBatch)))
        {
            if (StorageFailure.Guard(() => Records.SetState(row.UploadId, RecordRow.Open, RecordRow.Gone)))
            {
                UploadSession session = _sessions.TryGetValue(row.UploadId, out UploadSession? held) ? held : SessionOf(row);
                await StorageFailure.GuardAsync(async () =>
                {
                    await DiscardAsync(session).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
                expired.Add(row.UploadId);
            }
        }

        return expired;
    }

    public bool IsExpired(UploadSession session) =>
        _limits.IsExpired(session.LastActivityUtc, Time.GetUtcNow().UtcDateTime);

    public DateTime ExpiresUtc(UploadSession session) => _limits.ExpiresUtc(session.LastActivityUtc);

    /// <summary>Free space of S3 is not visible here: a full object store answers errors, which are 503.</summary>
    public bool IsLow() => false;

    public void Dispose()
    {
        Objects.Dispose();
        _database.Dispose();
    }

    /// <summary>Reloads the session's row (gate held): false when it is no longer open; another node's progress is adopted.</summary>
    internal bool Refresh(UploadSession session)
    {
        RecordRow? row = Records.Find(session.Id);
        if (row is null || row.State != RecordRow.Open)
        {
            Forget(session);
            return false;
        }

        Adopt(session, row);
        return true;
    }

    internal void Forget(UploadSession session)
    {
        session.IsClosed = true;
        _sessions.TryRemove(session.Id, out _);
    }

    /// <summary>Removes an upload's row (digest mismatch) or leaves it gone (termination), and its staged bytes.</summary>
    internal async Task DiscardAsync(UploadSession session)
    {
        Forget(session);
        Records.Delete(session.Id);
        Records.DeleteStaged(session.Id);
        await Objects.DeleteStagedPrefixAsync(ObjectKeys.StagingPrefix(session.Id)).ConfigureAwait(false);
    }

    private static void Adopt(UploadSession session, RecordRow row)
    {
        if (session.OffsetBytes != row.OffsetBytes)
        {
            session.OffsetBytes = row.OffsetBytes;
            session.Digest = null;
        }

        session.LastActivityUtc = row.LastActivityUtc;
    }

    private UploadSession SessionOf(RecordRow row)
    {
        return new UploadSession(row.UploadId, row.Manifest, row.Facts(Format), row.OffsetBytes, row.LastActivityUtc);
    }
}
