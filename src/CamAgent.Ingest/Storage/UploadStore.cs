using System.Collections.Concurrent;
using CamAgent.Ingest.Evidence;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// The evidence store: unfinished uploads under incoming/, finished records under devices/
/// (<see cref="StoreLayout"/>). Creation, completion and termination of one device's records are
/// serialised by a per-device lock, so sequence and chain checks see a consistent store; appends
/// to one upload are serialised by the upload's own gate (<see cref="UploadAppender"/>).
/// </summary>
public sealed class UploadStore : IIngestStore
{
    /// <summary>Terminated ids remembered to answer 410 rather than 404; bounded so no client can grow it forever.</summary>
    private const int MaxRememberedTerminations = 10_000;

    private readonly ConcurrentDictionary<string, UploadSession> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _deviceLocks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _terminated = new(StringComparer.Ordinal);
    private readonly List<string> _expiredAtStart = new();
    private readonly StorageSpace _space;

    internal UploadStore(StoreLayout layout, IEvidenceFormat format, TimeProvider time, IngestLimits limits)
    {
        Layout = layout;
        Format = format;
        Time = time;
        Limits = limits;
        _space = new StorageSpace(layout.Root, limits.MinFreeStoreBytes);
    }

    public StoreLayout Layout { get; }

    internal IEvidenceFormat Format { get; }

    internal TimeProvider Time { get; }

    internal IngestLimits Limits { get; }

    /// <summary>Uploads removed as expired by the start-up pass (for the audit log).</summary>
    public IReadOnlyList<string> ExpiredAtStart => _expiredAtStart;

    /// <summary>Unfinished uploads currently held.</summary>
    public int OpenUploadCount => _open.Count;

    /// <summary>Opens the store at <paramref name="layout"/>, finishing or cleaning up whatever a crash interrupted.</summary>
    public static UploadStore Open(StoreLayout layout, IEvidenceFormat format, TimeProvider time, IngestLimits limits)
    {
        var store = new UploadStore(layout, format, time, limits);
        Durable.CreateDirectory(layout.Root);
        Durable.CreateDirectory(layout.DevicesRoot);
        Durable.CreateDirectory(layout.IncomingRoot);
        StoreRecovery.Run(store);
        return store;
    }

    /// <summary>The unfinished upload with this id, or null.</summary>
    public UploadSession? FindOpen(string uploadId)
    {
        return _open.TryGetValue(uploadId, out UploadSession? session) && !session.IsClosed ? session : null;
    }

    /// <summary>The finished record (receipt present), or null.</summary>
    public StoredRecord? FindStored(string deviceId, ulong sequence)
    {
        string receiptPath = Layout.StoredReceipt(deviceId, sequence);
        if (!File.Exists(receiptPath))
        {
            return null;
        }

        string segment = Layout.StoredSegment(deviceId, sequence);
        long length = File.Exists(segment) ? new FileInfo(segment).Length : 0;
        return new StoredRecord(
            UploadId.Format(deviceId, sequence),
            File.ReadAllBytes(Layout.StoredManifest(deviceId, sequence)),
            File.ReadAllBytes(receiptPath),
            length);
    }

    /// <summary>True when the upload was terminated or expired (answered 410 Gone).</summary>
    public bool IsGone(string uploadId) => _terminated.ContainsKey(uploadId);

    /// <summary>
    /// Creates an upload for a manifest the caller has verified and bound to the device.
    /// <paramref name="session"/> is set for Created/AlreadyExists of an unfinished upload;
    /// <paramref name="stored"/> for StoredWithoutContent/AlreadyExists of a finished record.
    /// </summary>
    public CreateStatus Create(byte[] manifest, ManifestFacts facts, out UploadSession? session, out StoredRecord? stored)
    {
        session = null;
        stored = null;
        SemaphoreSlim deviceLock = DeviceLock(facts.DeviceId);
        deviceLock.Wait();
        try
        {
            string id = UploadId.Format(facts.DeviceId, facts.Sequence);
            if (FindExisting(id, facts, manifest, out session, out stored, out bool identical))
            {
                return identical ? CreateStatus.AlreadyExists : CreateStatus.SequenceConflict;
            }

            if (!ChainLinkRule.Holds(Format, facts, manifest, sequence => ManifestOf(facts.DeviceId, sequence)))
            {
                return CreateStatus.ChainLinkMismatch;
            }

            if (OpenUploadsOf(facts.DeviceId) >= Limits.MaxOpenUploadsPerDevice)
            {
                return CreateStatus.TooManyOpenUploads;
            }

            UploadSession created = CreateIncoming(id, manifest, facts);
            if (created.LengthBytes > 0)
            {
                session = created;
                return CreateStatus.Created;
            }

            if (RecordCommitter.Complete(this, created, out _) != AppendStatus.Completed)
            {
                return CreateStatus.DigestMismatch;
            }

            stored = FindStored(facts.DeviceId, facts.Sequence);
            return CreateStatus.StoredWithoutContent;
        }
        finally
        {
            deviceLock.Release();
        }
    }

    /// <summary>Terminates an unfinished upload (tus termination): its files are deleted.</summary>
    public void Terminate(UploadSession session)
    {
        Discard(session);
        Remember(session.Id);
    }

    /// <summary>True when the upload has seen no activity for longer than the expiry period.</summary>
    public bool IsExpired(UploadSession session)
    {
        return Time.GetUtcNow().UtcDateTime - session.LastActivityUtc > TimeSpan.FromHours(Limits.UploadExpiryHours);
    }

    /// <summary>When an unfinished upload expires (tus expiration: Upload-Expires).</summary>
    public DateTime ExpiresUtc(UploadSession session) => session.LastActivityUtc.AddHours(Limits.UploadExpiryHours);

    /// <inheritdoc/>
    public Task<AppendResult> AppendAsync(UploadSession session, long requestOffset, Stream body, long contentLength) =>
        UploadAppender.AppendAsync(this, session, requestOffset, body, contentLength);

    /// <inheritdoc/>
    public Task<AppendResult> CompleteAsync(UploadSession session) => UploadAppender.CompleteAsync(this, session);

    /// <summary>True while the store's file system has less than the configured free space (one statvfs(2)).</summary>
    public bool IsLow() => _space.IsLow();

    /// <summary>Nothing to release: every file is closed after each request.</summary>
    public void Dispose()
    {
    }

    internal void AddExpiredAtStart(string uploadId) => _expiredAtStart.Add(uploadId);

    internal SemaphoreSlim DeviceLock(string deviceId) => _deviceLocks.GetOrAdd(deviceId, _ => new SemaphoreSlim(1, 1));

    internal void Register(UploadSession session) => _open[session.Id] = session;

    /// <summary>Deletes an unfinished upload's files and forgets it. Caller holds the device lock or the upload's gate.</summary>
    internal void Discard(UploadSession session)
    {
        session.IsClosed = true;
        _open.TryRemove(session.Id, out _);
        Durable.DeleteDirectory(Layout.IncomingDirectory(session.Id));
    }

    internal void Forget(UploadSession session)
    {
        session.IsClosed = true;
        _open.TryRemove(session.Id, out _);
    }

    internal void Remember(string uploadId)
    {
        if (_terminated.Count >= MaxRememberedTerminations)
        {
            _terminated.Clear();
        }

        _terminated[uploadId] = true;
    }

    private bool FindExisting(string id, ManifestFacts facts, byte[] manifest, out UploadSession? session, out StoredRecord? stored, out bool identical)
    {
        session = FindOpen(id);
        stored = session is null ? FindStored(facts.DeviceId, facts.Sequence) : null;
        byte[]? existing = session?.Manifest ?? stored?.Manifest;
        identical = existing is not null && existing.AsSpan().SequenceEqual(manifest);
        return existing is not null;
    }

    private byte[]? ManifestOf(string deviceId, ulong sequence)
    {
        UploadSession? open = FindOpen(UploadId.Format(deviceId, sequence));
        if (open is not null)
        {
            return open.Manifest;
        }

        string path = Layout.StoredManifest(deviceId, sequence);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    private int OpenUploadsOf(string deviceId)
    {
        int count = 0;
        foreach (UploadSession session in _open.Values)
        {
            if (!session.IsClosed && session.DeviceId == deviceId)
            {
                count++;
            }
        }

        return count;
    }

    // The upload folder is assembled under a temporary name and renamed into place, so an
    // upload either exists with its manifest and (empty) data file or not at all.
    private UploadSession CreateIncoming(string id, byte[] manifest, ManifestFacts facts)
    {
        string staging = Path.Combine(Layout.IncomingRoot, StoreLayout.CreatingPrefix + id + "-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(staging);
            WriteSynced(Path.Combine(staging, StoreLayout.ManifestFileName), manifest);
            WriteSynced(Path.Combine(staging, StoreLayout.DataFileName), ReadOnlySpan<byte>.Empty);
            Durable.SyncDirectory(staging);
        }
        catch (IOException)
        {
            // A full disk: nothing was acknowledged, so the half-made folder goes now rather than at the next start.
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }

        Durable.DeleteDirectory(Layout.IncomingDirectory(id));
        Directory.Move(staging, Layout.IncomingDirectory(id));
        Durable.SyncDirectory(Layout.IncomingRoot);

        _terminated.TryRemove(id, out _);
        var session = new UploadSession(id, manifest, facts, 0, Time.GetUtcNow().UtcDateTime)
        {
            Digest = Format.StartContentDigest(facts.ChunkSizeBytes),
        };
        Register(session);
        return session;
    }

    private static void WriteSynced(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        file.Write(bytes);
        file.Flush(flushToDisk: true);
    }
}
