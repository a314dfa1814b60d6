using System.Collections.Concurrent;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// Empty upload folders kept for the next creations instead of being removed and made again.
/// A completed upload's folder is empty once its files are in devices/; it is renamed to a
/// staging name (<see cref="StoreLayout.CreatingPrefix"/>) and the next creation writes its files
/// into it and renames it into place, as it would a folder it had just made. No inode is freed
/// and none allocated for the folder: on ext4 without a journal the allocator passes over every
/// inode freed in the last minutes at each creation in that group, under the parent directory's
/// lock, and one folder freed per upload made every creation and every folder operation in
/// incoming/ wait on that scan (about a tenth of the server's processor time at 200 cameras).
/// Start-up removes staging folders as it always did, so spares need nothing on disk to be
/// recognised and a crash loses none of them that matters. Bounded: beyond
/// <see cref="MaxSpares"/> a retired folder is removed.
/// </summary>
internal sealed class SpareFolders
{
    /// <summary>Spares kept at most (about the uploads in flight at once on a busy server).</summary>
    public const int MaxSpares = 512;

    private readonly string _incomingRoot;
    private readonly ConcurrentQueue<string> _spares = new();

    public SpareFolders(string incomingRoot) => _incomingRoot = incomingRoot;

    /// <summary>Spares held now.</summary>
    public int Count => _spares.Count;

    /// <summary>An empty folder under a staging name: a spare, or a new one.</summary>
    public string Take()
    {
        if (_spares.TryDequeue(out string? spare))
        {
            return spare;
        }

        string made = StagingName();
        Directory.CreateDirectory(made);
        return made;
    }

    /// <summary>
    /// Keeps <paramref name="folder"/> (an upload folder whose files have all been moved out) as a
    /// spare; a folder that still holds anything, or one beyond the bound, is removed instead.
    /// Neither step needs to be durable: a crash leaves a staging folder, which start-up removes,
    /// or the emptied upload folder, which start-up removes as it always did.
    /// </summary>
    public void Retire(string folder)
    {
        if (_spares.Count >= MaxSpares || Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder, recursive: true);
            return;
        }

        string spare = StagingName();
        Directory.Move(folder, spare);
        _spares.Enqueue(spare);
    }

    private string StagingName() => Path.Combine(_incomingRoot, StoreLayout.CreatingPrefix + Guid.NewGuid().ToString("N"));
}
