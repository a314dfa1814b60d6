using System.Security.Cryptography;
using CamAgent.Ingest.Evidence;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// The filesystem store under group commit takes its creation and completion steps without an
/// fsync each and waits at barriers instead. What matters is where the barriers are: each
/// flush here records which files were in place when it began, and the store's real calls are
/// checked against that order — the upload folder before the creation is answered, manifest,
/// segment and receipt together before the receipt is renamed into devices/, and that rename
/// before the completion is answered.
/// </summary>
public sealed class StoreBarrierTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly TestPki _pki = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Creation_And_Completion_Wait_For_Flushes_That_Saw_Each_Step_In_Order()
    {
        IngestOptions options = _pki.WriteServerFiles(_temp.Combine("config"), _temp.Combine("store"));
        var layout = new StoreLayout(options.StorePath);
        var flushes = new List<HashSet<string>>();
        var group = new GroupCommit(() =>
        {
            lock (flushes)
            {
                flushes.Add(Files(layout.Root));
            }
        });
        CoreEvidenceFormat format = CredentialFiles.LoadEvidenceFormat(options);
        using UploadStore store = UploadStore.Open(layout, format, TimeProvider.System, options.Limits, group);
        var camera = new TestCamera(_pki.IssueDevice("cam-barrier"));
        byte[] content = RandomNumberGenerator.GetBytes(3 * TestCamera.ChunkSizeBytes + 5);
        byte[] manifest = camera.Seal(content);
        Assert.Equal(ManifestVerdict.Valid, format.ReadManifest(manifest, out ManifestFacts? facts));
        string id = UploadId.Format(facts!.DeviceId, facts.Sequence);
        string incoming = Relative(layout, layout.IncomingFile(id, StoreLayout.ManifestFileName));

        CreateResult created = await store.CreateAsync(manifest, facts);

        Assert.Equal(CreateStatus.Created, created.Status);
        Assert.Contains(flushes, seen => seen.Contains(incoming));
        int afterCreate = flushes.Count;

        AppendResult appended = await store.AppendAsync(created.Session!, 0, new MemoryStream(content), content.Length);

        Assert.Equal(AppendStatus.Completed, appended.Status);
        string segment = Relative(layout, layout.StoredSegment(facts.DeviceId, facts.Sequence));
        string storedManifest = Relative(layout, layout.StoredManifest(facts.DeviceId, facts.Sequence));
        string decided = Relative(layout, layout.IncomingFile(id, StoreLayout.ReceiptFileName));
        string receipt = Relative(layout, layout.StoredReceipt(facts.DeviceId, facts.Sequence));
        List<HashSet<string>> completion = flushes.Skip(afterCreate).ToList();
        int decidedAt = completion.FindIndex(seen => seen.Contains(segment) && seen.Contains(storedManifest) && seen.Contains(decided));
        Assert.True(decidedAt >= 0, "no flush saw the manifest and segment in devices/ with the receipt still in the upload folder");
        Assert.All(completion.Take(decidedAt + 1), seen => Assert.DoesNotContain(receipt, seen));
        Assert.Contains(completion.Skip(decidedAt + 1), seen => seen.Contains(receipt) && !seen.Any(f => f.StartsWith("incoming/" + id, StringComparison.Ordinal)));
        Assert.Equal(appended.Receipt, File.ReadAllBytes(layout.StoredReceipt(facts.DeviceId, facts.Sequence)));
        Assert.Equal(content, File.ReadAllBytes(layout.StoredSegment(facts.DeviceId, facts.Sequence)));
    }

    [Fact]
    public async Task A_Completion_That_Failed_After_Its_Decision_Is_Finished_By_The_Next_With_The_Same_Receipt()
    {
        IngestOptions options = _pki.WriteServerFiles(_temp.Combine("config"), _temp.Combine("store"));
        var layout = new StoreLayout(options.StorePath);
        int flush = 0;
        int failAt = int.MaxValue;
        var group = new GroupCommit(() =>
        {
            if (Interlocked.Increment(ref flush) == Volatile.Read(ref failAt))
            {
                throw new IOException("Input/output error");
            }
        });
        CoreEvidenceFormat format = CredentialFiles.LoadEvidenceFormat(options);
        using UploadStore store = UploadStore.Open(layout, format, TimeProvider.System, options.Limits, group);
        var camera = new TestCamera(_pki.IssueDevice("cam-retry"));
        byte[] content = RandomNumberGenerator.GetBytes(2 * TestCamera.ChunkSizeBytes);
        byte[] manifest = camera.Seal(content);
        format.ReadManifest(manifest, out ManifestFacts? facts);
        CreateResult created = await store.CreateAsync(manifest, facts!);
        UploadSession session = created.Session!;

        // The PATCH's own flush, the decision's, then the last one fails: the answer is an error.
        Volatile.Write(ref failAt, Volatile.Read(ref flush) + 3);
        await Assert.ThrowsAsync<IOException>(() => store.AppendAsync(session, 0, new MemoryStream(content), content.Length));
        Assert.NotNull(store.FindOpen(session.Id));

        AppendResult retried = await store.CompleteAsync(store.FindOpen(session.Id)!);

        Assert.Equal(AppendStatus.Completed, retried.Status);
        StoredRecord stored = store.FindStored(facts!.DeviceId, facts.Sequence)!;
        Assert.Equal(stored.Receipt, retried.Receipt);
        Assert.Equal(content, File.ReadAllBytes(layout.StoredSegment(facts.DeviceId, facts.Sequence)));
        Assert.False(Directory.Exists(layout.IncomingDirectory(session.Id)));
    }

    private static HashSet<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);

    private static string Relative(StoreLayout layout, string path) => Path.GetRelativePath(layout.Root, path).Replace('\\', '/');
}
