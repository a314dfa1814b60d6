using CamAgent.Ingest.Evidence;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// Start-up pass over the store that makes it consistent after a crash:
/// half-created upload folders (never acknowledged) are removed; uploads whose receipt was
/// written but not yet moved into devices/ are decided again from the bytes on disk; every other upload is reloaded with its
/// offset = the length of its data file (only ever fsynced bytes were acknowledged, so the
/// offset cannot go backwards); uploads that had received every byte are completed; expired uploads are removed; stray temporary files are deleted.
/// </summary>
internal static class StoreRecovery
{
    public static void Run(UploadStore store)
    {
        StoreLayout layout = store.Layout;
        foreach (string directory in Directory.EnumerateDirectories(layout.IncomingRoot))
        {
            string name = Path.GetFileName(directory);
            if (name.StartsWith(StoreLayout.CreatingPrefix, StringComparison.Ordinal))
            {
                Durable.DeleteDirectory(directory);
            }
            else if (UploadId.TryParse(name, out string deviceId, out ulong sequence))
            {
                Reload(store, name, deviceId, sequence);
            }
        }

        foreach (string deviceDirectory in Directory.EnumerateDirectories(layout.DevicesRoot))
        {
            foreach (string temp in Directory.EnumerateFiles(deviceDirectory, "*.tmp"))
            {
                File.Delete(temp);
            }
        }
    }

    private static void Reload(UploadStore store, string uploadId, string deviceId, ulong sequence)
    {
        StoreLayout layout = store.Layout;
        string manifestPath = layout.IncomingFile(uploadId, StoreLayout.ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            manifestPath = layout.StoredManifest(deviceId, sequence);
        }

        ManifestFacts? facts = null;
        byte[]? manifest = File.Exists(manifestPath) ? File.ReadAllBytes(manifestPath) : null;
        bool valid = manifest is not null
            && store.Format.ReadManifest(manifest, out facts) == ManifestVerdict.Valid
            && facts!.DeviceId == deviceId && facts.Sequence == sequence;
        if (!valid)
        {
            Durable.DeleteDirectory(layout.IncomingDirectory(uploadId));
            return;
        }

        if (!File.Exists(layout.StoredReceipt(deviceId, sequence)))
        {
            // A completion the crash cut before its receipt reached devices/ was never answered
            // (no answer or HEAD gives a receipt that is not there), but under group commit the
            // crash can have torn the receipt, or the bytes it was signed over, on their way to
            // disk: the decision is taken back and taken again below from what is on disk
            // (content digest recomputed from the data, a new receipt).
            RecordCommitter.TakeBack(layout, uploadId, deviceId, sequence);
        }

        var data = new FileInfo(layout.IncomingFile(uploadId, StoreLayout.DataFileName));
        if (!data.Exists || data.Length > facts!.ContentLengthBytes)
        {
            Durable.DeleteDirectory(layout.IncomingDirectory(uploadId));
            return;
        }

        var session = new UploadSession(uploadId, manifest!, facts, data.Length, data.LastWriteTimeUtc);
        if (store.IsExpired(session))
        {
            store.Discard(session);
            store.Remember(uploadId);
            store.AddExpiredAtStart(uploadId);
            return;
        }

        store.Register(session);
        if (session.OffsetBytes == session.LengthBytes)
        {
            // Every byte arrived but the crash came before the receipt: finish it now, so the
            // device's next HEAD gets its receipt (or learns the content did not match).
            RecordCommitter.CompleteAsync(store, session).GetAwaiter().GetResult();
        }
    }
}
