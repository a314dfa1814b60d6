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

    // The same sessions by device, for the per-device limit: counting them at each creation must
    // not walk (and, through ConcurrentDictionary.Values, lock and copy) every open upload.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, UploadSession>> _openByDevice = new(StringComparer.Ordinal);
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
        Spares = new SpareFolders(layout.IncomingRoot);
    }

    public StoreLayout Layout { get; }

    /// <summary>Emptied upload folders kept for the next creations.</summary>
    internal SpareFolders Spares { get; }

    internal IEvidenceFormat Format { get; }

    internal TimeProvider Time { get; }

    internal IngestLimits Limits { get; }

    /// <summary>Uploads removed as expired by the start-up pass (for the audit log).</summary>
    public IReadOnlyList<string> ExpiredAtStart => _expiredAtStart;

    /// <summary>The shared flush PATCHes wait for, or null for one fsync per PATCH (turned off, or no syncfs here).</summary>
    public GroupCommit? GroupCommit { get; private set; }

    /// <summary>How creations and completions are made durable: with barriers on <see cref="GroupCommit"/>, or step by step.</summary>
    internal StoreDurability Durability { get; private set; } = StoreDurability.Immediate;

    /// <summary>Unfinished uploads currently held.</summary>
    public int OpenUploadCount => _open.Count;

    /// <summary>Opens the store at <paramref name="layout"/>, finishing or cleaning up whatever a crash interrupted.</summary>
    public static UploadStore Open(StoreLayout layout, IEvidenceFormat format, TimeProvider time, IngestLimits limits)
    {
        Durable.CreateDirectory(layout.Root);
        return Open(layout, format, time, limits, limits.GroupCommit ? GroupCommit.ForStore(layout.Root) : null);
    }

    /// <summary>As <see cref="Open(StoreLayout, IEvidenceFormat, TimeProvider, IngestLimits)"/>, sharing flushes through <paramref name="groupCommit"/> (null: every step fsynced); the store disposes it.</summary>
    public static UploadStore Open(StoreLayout layout, IEvidenceFormat format, TimeProvider time, IngestLimits limits, GroupCommit? groupCommit)
    {
        var store = new UploadStore(layout, format, time, limits);
        Durable.CreateDirectory(layout.Root);
        Durable.CreateDirectory(layout.DevicesRoot);
        Durable.CreateDirectory(layout.IncomingRoot);
        store.GroupCommit = groupCommit;
        store.Durability = new StoreDurability(groupCommit);
        StoreRecovery.Run(store);
        store.WhenDurableAsync().GetAwaiter().GetResult(); // what recovery finished is on disk before anything is served
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
    /// Creates an upload for a manifest the caller has verified and bound to the device; it is
    /// durable once <see cref="WhenDurableAsync"/> called after the task completes (an identical
    /// re-creation waits for that too, since the first attempt may have failed before its flush).
    /// </summary>
    public async Task<CreateResult> CreateAsync(byte[] manifest, ManifestFacts facts)
    {
        SemaphoreSlim deviceLock = DeviceLock(facts.DeviceId);
        await deviceLock.WaitAsync().ConfigureAwait(false);
        try
        {
            string id = UploadId.Format(facts.DeviceId, facts.Sequence);
            if (FindExisting(id, facts, manifest, out UploadSession? session, out StoredRecord? stored, out bool identical))
            {
                // Identical: the caller's WhenDurableAsync also covers a first attempt that failed before its flush.
                return identical
                    ? new CreateResult(CreateStatus.AlreadyExists, session, stored)
                    : new CreateResult(CreateStatus.SequenceConflict);
            }

            if (!ChainLinkRule.Holds(Format, facts, manifest, sequence => ManifestOf(facts.DeviceId, sequence)))
            {
                return new CreateResult(CreateStatus.ChainLinkMismatch);
            }

            if (OpenUploadsOf(facts.DeviceId) >= Limits.MaxOpenUploadsPerDevice)
            {
                return new CreateResult(CreateStatus.TooManyOpenUploads);
            }

            UploadSession created = CreateIncoming(id, manifest, facts);
            if (created.LengthBytes > 0)
            {
                return new CreateResult(CreateStatus.Created, created);
            }

            (AppendStatus status, _) = await RecordCommitter.CompleteAsync(this, created).ConfigureAwait(false);
            return status == AppendStatus.Completed
                ? new CreateResult(CreateStatus.StoredWithoutContent, Stored: FindStored(facts.DeviceId, facts.Sequence))
                : new CreateResult(CreateStatus.DigestMismatch);
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

    public async Task<IReadOnlyList<string>> ExpireAbandonedAsync()
    {
        var expired = new List<string>();
        foreach (UploadSession session in _open.Values)
        {
            if (session.IsClosed || !IsExpired(session) || !await session.Gate.WaitAsync(0).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                if (session.IsClosed || !IsExpired(session))
                {
                    continue;
                }

                SemaphoreSlim deviceLock = DeviceLock(session.DeviceId);
                await deviceLock.WaitAsync().ConfigureAwait(false);
                try
                {
                    Terminate(session);
                }
                finally
                {
                    deviceLock.Release();
                }

                expired.Add(session.Id);
            }
            finally
            {
                session.Gate.Release();
            }
        }

        return expired;
    }

    /// <summary>True when the upload has seen no activity for longer than the expiry period.</summary>
    public bool IsExpired(UploadSession session)
    {
        return Limits.IsExpired(session.LastActivityUtc, Time.GetUtcNow().UtcDateTime);
    }

    /// <summary>When an unfinished upload expires (tus expiration: Upload-Expires).</summary>
    public DateTime ExpiresUtc(UploadSession session) => Limits.ExpiresUtc(session.LastActivityUtc);

    /// <summary>With group commit: one shared flush that began after the call; otherwise every step was fsynced as it was taken.</summary>
    public Task WhenDurableAsync() => Durability.BarrierAsync();

    /// <inheritdoc/>
    public Task<AppendResult> AppendAsync(UploadSession session, long requestOffset, Stream body, long contentLength) =>
        UploadAppender.AppendAsync(this, session, requestOffset, body, contentLength);

    /// <inheritdoc/>
    public Task<AppendResult> CompleteAsync(UploadSession session) => UploadAppender.CompleteAsync(this, session);

    /// <summary>True while the store's file system has less than the configured free space (one statvfs(2)).</summary>
    public bool IsLow() => _space.IsLow();

    /// <summary>Releases the group commit's handle on the file system; every file is closed after each request.</summary>
    public void Dispose() => GroupCommit?.Dispose();

    internal void AddExpiredAtStart(string uploadId) => _expiredAtStart.Add(uploadId);

    internal SemaphoreSlim DeviceLock(string deviceId) => _deviceLocks.GetOrAdd(deviceId, _ => new SemaphoreSlim(1, 1));

    internal void Register(UploadSession session)
    {
        _open[session.Id] = session;
        OpenOf(session.DeviceId)[session.Id] = session;
    }

    /// <summary>Deletes an unfinished upload's files and forgets it. Caller holds the device lock or the upload's gate.</summary>
    internal void Discard(UploadSession session)
    {
        Forget(session);
        Durable.DeleteDirectory(Layout.IncomingDirectory(session.Id));
    }

    internal void Forget(UploadSession session)
    {
        session.IsClosed = true;
        _open.TryRemove(session.Id, out _);
        OpenOf(session.DeviceId).TryRemove(session.Id, out _);
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

    private ConcurrentDictionary<string, UploadSession> OpenOf(string deviceId) =>
        _openByDevice.GetOrAdd(deviceId, _ => new ConcurrentDictionary<string, UploadSession>(StringComparer.Ordinal));

    private int OpenUploadsOf(string deviceId)
    {
        int count = 0;
        foreach (KeyValuePair<string, UploadSession> open in OpenOf(deviceId))
        {
            if (!open.Value.IsClosed)
            {
                count++;
            }
        }

        return count;
    }

    // The upload folder is assembled under a temporary name and renamed into place, so an
    // upload either exists with its manifest and (empty) data file or not at all (a folder that
    // a crash left before the creation's barrier, with a torn manifest, is removed at start-up).
    private UploadSession CreateIncoming(string id, byte[] manifest, ManifestFacts facts)
    {
        string staging = Spares.Take();
        try
        {
            Durability.WriteNewFile(Path.Combine(staging, StoreLayout.ManifestFileName), manifest);
            Durability.WriteNewFile(Path.Combine(staging, StoreLayout.DataFileName), ReadOnlySpan<byte>.Empty);
            Durability.SyncDirectory(staging);
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

        Durability.DeleteDirectory(Layout.IncomingDirectory(id));
        Directory.Move(staging, Layout.IncomingDirectory(id));
        Durability.SyncDirectory(Layout.IncomingRoot);

        _terminated.TryRemove(id, out _);
        var session = new UploadSession(id, manifest, facts, 0, Time.GetUtcNow().UtcDateTime)
        {
            Digest = Format.StartContentDigest(facts.ChunkSizeBytes),
        };
        Register(session);
        return session;
    }
}
