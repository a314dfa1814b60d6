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
        var sizes = new List<Dictionary<string, long>>();
        var group = new GroupCommit(() =>
        {
            lock (flushes)
            {
                Dictionary<string, long> seen = Sizes(layout.Root);
                flushes.Add(seen.Keys.ToHashSet(StringComparer.Ordinal));
                sizes.Add(seen);
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
        await store.WhenDurableAsync();

        Assert.Equal(CreateStatus.Created, created.Status);
        Assert.Contains(flushes, seen => seen.Contains(incoming));
        int afterCreate = flushes.Count;

        AppendResult appended = await store.AppendAsync(created.Session!, 0, new MemoryStream(content), content.Length);
        await store.WhenDurableAsync();

        Assert.Equal(AppendStatus.Completed, appended.Status);
        string segment = Relative(layout, layout.StoredSegment(facts.DeviceId, facts.Sequence));
        string storedManifest = Relative(layout, layout.StoredManifest(facts.DeviceId, facts.Sequence));
        string decided = Relative(layout, layout.IncomingFile(id, StoreLayout.ReceiptFileName));
        string receipt = Relative(layout, layout.StoredReceipt(facts.DeviceId, facts.Sequence));
        List<HashSet<string>> completion = flushes.Skip(afterCreate).ToList();
        int decidedAt = completion.FindIndex(seen => seen.Contains(segment) && seen.Contains(storedManifest) && seen.Contains(decided));
        Assert.True(decidedAt >= 0, "no flush saw the manifest and segment in devices/ with the receipt still in the upload folder");
        Assert.Equal(content.Length, sizes[afterCreate + decidedAt][segment]); // the last PATCH's bytes went with the decision
        Assert.All(completion.Take(decidedAt + 1), seen => Assert.DoesNotContain(receipt, seen));
        Assert.Contains(completion.Skip(decidedAt + 1), seen => seen.Contains(receipt) && !seen.Any(f => f.StartsWith("incoming/" + id, StringComparison.Ordinal)));
        Assert.Equal(appended.Receipt, File.ReadAllBytes(layout.StoredReceipt(facts.DeviceId, facts.Sequence)));
        Assert.Equal(content, File.ReadAllBytes(layout.StoredSegment(facts.DeviceId, facts.Sequence)));
    }

    [Fact]
    public async Task Through_The_Server_A_Creation_Waits_For_One_Flush_A_Patch_For_One_And_The_Completing_Patch_For_Two()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        GroupCommit rounds = ((UploadStore)harness.Server.Store).GroupCommit
            ?? throw new InvalidOperationException("the store has no group commit on this system");
        TestCamera camera = harness.NewCamera("cam-rounds");
        TusClient client = harness.ClientFor(camera);
        byte[] content = RandomNumberGenerator.GetBytes(2 * TestCamera.ChunkSizeBytes);
        Expect.Status(System.Net.HttpStatusCode.NoContent, await client.UploadAsync(camera.Seal(content), content)); // connection and first requests warm

        byte[] next = RandomNumberGenerator.GetBytes(2 * TestCamera.ChunkSizeBytes);
        long before = rounds.Rounds;
        HttpResponseMessage created = await client.CreateAsync(camera.Seal(next), next.Length);
        long creation = rounds.Rounds - before;
        string location = created.Headers.Location!.OriginalString;

        before = rounds.Rounds;
        Expect.Status(System.Net.HttpStatusCode.NoContent, await client.PatchAsync(location, 0, next, 0, TestCamera.ChunkSizeBytes));
        long patch = rounds.Rounds - before;

        before = rounds.Rounds;
        HttpResponseMessage last = await client.PatchAsync(location, TestCamera.ChunkSizeBytes, next, TestCamera.ChunkSizeBytes, TestCamera.ChunkSizeBytes);
        long completion = rounds.Rounds - before;

        Expect.Status(System.Net.HttpStatusCode.Created, created);
        Expect.Status(System.Net.HttpStatusCode.NoContent, last);
        Assert.NotNull(TusClient.Header(last, "CamAgent-Receipt"));

        // The creation's folder and its audit line share a flush; the completing PATCH: its bytes
        // with the decision, then the receipt's rename with the "stored" line.
        Assert.Equal((1, 1, 2), (creation, patch, completion));
    }

    [Fact]
    public async Task A_Completion_Whose_Decision_Flush_Failed_Stays_Open_And_The_Next_Gives_The_Receipt_It_Signed()
    {
        (UploadStore store, StoreLayout layout, FailingFlush flush, ManifestFacts facts, UploadSession session, byte[] content) = await OpenWithUploadAsync("cam-retry");
        using (store)
        {
            // The decision's flush (which carries the PATCH's bytes) fails; the data file's own
            // fsync succeeds: the answer is an error, the upload stays open with every byte.
            flush.FailAfter(1);
            await Assert.ThrowsAsync<IOException>(() => store.AppendAsync(session, 0, new MemoryStream(content), content.Length));
            Assert.Equal(content.Length, store.FindOpen(session.Id)!.OffsetBytes);
            Assert.Equal(1, flush.FileFlushes);
            byte[] signed = File.ReadAllBytes(layout.IncomingFile(session.Id, StoreLayout.ReceiptFileName));

            AppendResult retried = await store.CompleteAsync(store.FindOpen(session.Id)!);
            await store.WhenDurableAsync();

            Assert.Equal(AppendStatus.Completed, retried.Status);
            Assert.Equal(signed, retried.Receipt);
            AssertStored(store, layout, facts, session, content, signed);
        }
    }

    [Fact]
    public async Task A_Completion_Whose_Last_Flush_Failed_Is_Not_Durable_Yet_And_The_Record_Keeps_Its_Receipt()
    {
        (UploadStore store, StoreLayout layout, FailingFlush flush, ManifestFacts facts, UploadSession session, byte[] content) = await OpenWithUploadAsync("cam-last");
        using (store)
        {
            // The decision's flush passes; the flush the answer waits for fails.
            flush.FailAfter(2);
            AppendResult appended = await store.AppendAsync(session, 0, new MemoryStream(content), content.Length);
            Assert.Equal(AppendStatus.Completed, appended.Status);
            await Assert.ThrowsAsync<IOException>(() => store.WhenDurableAsync());

            // The record was decided: whoever asks next (the device's HEAD) gets the same receipt, after a flush that works.
            await store.WhenDurableAsync();
            AssertStored(store, layout, facts, session, content, appended.Receipt!);
        }
    }

    [Fact]
    public async Task When_The_Decision_Flush_And_The_Data_Files_Own_Fsync_Fail_The_Decision_Is_Taken_Back_And_The_Bytes_Come_Again()
    {
        (UploadStore store, StoreLayout layout, FailingFlush flush, ManifestFacts facts, UploadSession session, byte[] content) = await OpenWithUploadAsync("cam-takeback");
        using (store)
        {
            int half = TestCamera.ChunkSizeBytes;
            AppendResult first = await store.AppendAsync(session, 0, new MemoryStream(content, 0, half), half);
            Assert.Equal((AppendStatus.Stored, (long)half), (first.Status, first.OffsetBytes));

            // The last PATCH's bytes were never known to be on disk: nothing of the decision stays,
            // the offset stays at what was acknowledged.
            flush.FailAfter(1);
            flush.FailFileFlushes = true;
            await Assert.ThrowsAsync<IOException>(() => store.AppendAsync(session, half, new MemoryStream(content, half, content.Length - half), content.Length - half));
            Assert.Equal(half, store.FindOpen(session.Id)!.OffsetBytes);
            Assert.False(File.Exists(layout.IncomingFile(session.Id, StoreLayout.ReceiptFileName)));
            Assert.True(File.Exists(layout.IncomingFile(session.Id, StoreLayout.ManifestFileName)));
            Assert.False(File.Exists(layout.StoredSegment(facts.DeviceId, facts.Sequence)));
            Assert.Null(store.FindStored(facts.DeviceId, facts.Sequence));

            // The device sends them again from that offset (the file is cut back first) and gets its receipt.
            flush.FailFileFlushes = false;
            AppendResult again = await store.AppendAsync(session, half, new MemoryStream(content, half, content.Length - half), content.Length - half);
            await store.WhenDurableAsync();

            Assert.Equal(AppendStatus.Completed, again.Status);
            AssertStored(store, layout, facts, session, content, again.Receipt!);
        }
    }

    // The record is in devices/ with this receipt and the content byte-identical, and the upload's folder is gone.
    private static void AssertStored(UploadStore store, StoreLayout layout, ManifestFacts facts, UploadSession session, byte[] content, byte[] receipt)
    {
        Assert.Equal(receipt, store.FindStored(facts.DeviceId, facts.Sequence)!.Receipt);
        Assert.Equal(content, File.ReadAllBytes(layout.StoredSegment(facts.DeviceId, facts.Sequence)));
        Assert.False(Directory.Exists(layout.IncomingDirectory(session.Id)));
    }

    private async Task<(UploadStore Store, StoreLayout Layout, FailingFlush Flush, ManifestFacts Facts, UploadSession Session, byte[] Content)> OpenWithUploadAsync(string deviceId)
    {
        IngestOptions options = _pki.WriteServerFiles(_temp.Combine("config"), _temp.Combine("store"));
        var layout = new StoreLayout(options.StorePath);
        var flush = new FailingFlush();
        CoreEvidenceFormat format = CredentialFiles.LoadEvidenceFormat(options);
        UploadStore store = UploadStore.Open(layout, format, TimeProvider.System, options.Limits, new GroupCommit(flush.Run, flush.RunOnFile));
        var camera = new TestCamera(_pki.IssueDevice(deviceId));
        byte[] content = RandomNumberGenerator.GetBytes(2 * TestCamera.ChunkSizeBytes);
        byte[] manifest = camera.Seal(content);
        format.ReadManifest(manifest, out ManifestFacts? facts);
        CreateResult created = await store.CreateAsync(manifest, facts!);
        await store.WhenDurableAsync();
        return (store, layout, flush, facts!, created.Session!, content);
    }

    // Shared flush number N from now fails as a disk error would; the others succeed. A file's
    // own fsync is the real one, or fails while FailFileFlushes is set.
    private sealed class FailingFlush
    {
        private int _flush;
        private int _failAt = int.MaxValue;
        private int _fileFlushes;

        public bool FailFileFlushes { get; set; }

        public int FileFlushes => Volatile.Read(ref _fileFlushes);

        public void FailAfter(int flushes) => Volatile.Write(ref _failAt, Volatile.Read(ref _flush) + flushes);

        public void RunOnFile(Microsoft.Win32.SafeHandles.SafeFileHandle file)
        {
            Interlocked.Increment(ref _fileFlushes);
            if (FailFileFlushes)
            {
                throw new IOException("Input/output error");
            }

            RandomAccess.FlushToDisk(file);
        }

        public void Run()
        {
            if (Interlocked.Increment(ref _flush) == Volatile.Read(ref _failAt))
            {
                throw new IOException("Input/output error");
            }
        }
    }

    private static Dictionary<string, long> Sizes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => new FileInfo(f).Length, StringComparer.Ordinal);

    private static string Relative(StoreLayout layout, string path) => Path.GetRelativePath(layout.Root, path).Replace('\\', '/');
}
