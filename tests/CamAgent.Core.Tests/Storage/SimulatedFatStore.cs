using System.Text;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Tests.Storage;

/// <summary>
/// An in-memory FAT-like volume that behaves the way an SD card behaves when power is cut,
/// storage runs out or the medium fails, within the guarantees documented on
/// <see cref="IFileStore"/> (and nothing more):
/// - appended bytes are volatile until Flush; a cut keeps the flushed prefix plus any prefix of
///   the unflushed tail, whose last bytes may be garbage (a torn sector);
/// - a file created and never flushed may vanish or survive with part of its bytes (often none);
/// - rename and delete are durable once they return; one that is cut is done or not, at random;
/// - Append past <see cref="CapacityBytes"/> stores the bytes that fit and reports StorageFull;
/// - injected I/O errors fail one operation without effect.
/// Every mutating call (create, append, flush, rename, delete, create directory) is one "write
/// operation", numbered from 1; <see cref="CutAtWriteOperation"/> loses power during that one.
/// After a cut every call throws <see cref="PowerLostException"/> until <see cref="PowerOn"/>.
/// Randomness is seeded, so a failing run is reproducible from its seed.
/// </summary>
public sealed class SimulatedFatStore : IFileStore
{
    private const int TornGarbageBytes = 16;

    private readonly Dictionary<string, Node> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal) { "" };
    private readonly Random _random;
    private bool _powered = true;
    private long _usedBytes;

    public SimulatedFatStore(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>Total bytes the volume holds (sum of file lengths).</summary>
    public long CapacityBytes { get; set; } = long.MaxValue;

    /// <summary>Write operations performed since construction (including failed ones).</summary>
    public int WriteOperations { get; private set; }

    /// <summary>Read operations (read, open, length, list, free space) since construction.</summary>
    public int ReadOperations { get; private set; }

    /// <summary>1-based write operation during which power is lost; 0 = never.</summary>
    public int CutAtWriteOperation { get; set; }

    /// <summary>1-based write operation that fails with <see cref="IoErrorStatus"/> and has no effect; 0 = never.</summary>
    public int FailAtWriteOperation { get; set; }

    /// <summary>1-based read operation that fails with <see cref="IoErrorStatus"/>; 0 = never.</summary>
    public int FailAtReadOperation { get; set; }

    /// <summary>How many read operations in a row fail from <see cref="FailAtReadOperation"/> on (1 by default).</summary>
    public int ReadFailures { get; set; } = 1;

    /// <summary>Every write operation on a path ending with this (e.g. ".MAT") fails with <see cref="IoErrorStatus"/>; null = none.</summary>
    public string? FailWritesToPathsEndingWith { get; set; }

    /// <summary>Called with the path and bytes of every append before it takes effect (bytes that may reach the medium).</summary>
    public Action<string, byte[]>? OnAppend { get; set; }

    /// <summary>Status of injected failures: IoError by default, DeviceRemoved to emulate a pulled card.</summary>
    public StoreStatus IoErrorStatus { get; set; } = StoreStatus.IoError;

    public bool IsPowered => _powered;

    public long UsedBytes => _usedBytes;

    /// <summary>Restores power after a cut; the volume shows what the cut left durable.</summary>
    public void PowerOn()
    {
        _powered = true;
        CutAtWriteOperation = 0;
    }

    /// <summary>
    /// Loses power now, outside any operation (another medium on the same supply was being written):
    /// the volume keeps what a cut keeps, and every call throws until <see cref="PowerOn"/>.
    /// </summary>
    public void LosePower()
    {
        EnsurePowered();
        _powered = false;
        Crash();
    }

    /// <summary>Free bytes as another processor on the card sees them, for assertions and the recorder (not an operation).</summary>
    public long FreeBytesUncounted => CapacityBytes == long.MaxValue ? long.MaxValue : CapacityBytes - UsedBytes;

    /// <summary>Paths of every file, for assertions (not an operation).</summary>
    public IReadOnlyList<string> Paths => _files.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

    /// <summary>Current content of a file, for assertions (null if absent).</summary>
    public byte[]? Peek(string path) => _files.TryGetValue(Key(path), out Node? node) ? node.Data.ToArray() : null;

    /// <summary>Writes a whole file durably, and its directory, as a test fixture (not counted as an operation).</summary>
    public void Seed(string path, byte[] content)
    {
        _directories.Add(Parent(Key(path)));
        var node = new Node();
        node.Data.AddRange(content);
        node.Durable = content.ToArray();
        if (_files.TryGetValue(Key(path), out Node? old))
        {
            _usedBytes -= old.Data.Count;
        }

        _files[Key(path)] = node;
        _usedBytes += content.Length;
    }

    public StoreStatus CreateFile(string path)
    {
        if (!BeginWrite(out StoreStatus failed, path))
        {
            return failed;
        }

        string key = Key(path);
        if (_files.ContainsKey(key))
        {
            return EndWrite(StoreStatus.AlreadyExists);
        }

        if (!_directories.Contains(Parent(key)))
        {
            return EndWrite(StoreStatus.NotFound);
        }

        _files[key] = new Node();
        return EndWrite(StoreStatus.Ok);
    }

    public StoreStatus Append(string path, byte[] buffer, int offset, int count)
    {
        OnAppend?.Invoke(path, buffer.AsSpan(offset, count).ToArray());
        if (!BeginWrite(out StoreStatus failed, path))
        {
            return failed;
        }

        if (!_files.TryGetValue(Key(path), out Node? node))
        {
            return EndWrite(StoreStatus.NotFound);
        }

        long room = CapacityBytes - UsedBytes;
        int stored = (int)Math.Min(count, Math.Max(0, room));
        node.Data.AddRange(new ArraySegment<byte>(buffer, offset, stored));
        _usedBytes += stored;
        return EndWrite(stored < count ? StoreStatus.StorageFull : StoreStatus.Ok);
    }

    public StoreStatus Flush(string path)
    {
        if (!BeginWrite(out StoreStatus failed))
        {
            return failed;
        }

        if (!_files.TryGetValue(Key(path), out Node? node))
        {
            return EndWrite(StoreStatus.NotFound);
        }

        if (!Cutting || _random.Next(2) == 0)
        {
            node.Durable = node.Data.ToArray();
        }

        return EndWrite(StoreStatus.Ok);
    }

    public StoreStatus Rename(string fromPath, string toPath)
    {
        string from = Key(fromPath);
        string to = Key(toPath);
        if (Parent(from) != Parent(to))
        {
            throw new ArgumentException("rename across directories", nameof(toPath));
        }

        if (!BeginWrite(out StoreStatus failed))
        {
            return failed;
        }

        if (!_files.TryGetValue(from, out Node? node))
        {
            return EndWrite(StoreStatus.NotFound);
        }

        if (_files.ContainsKey(to))
        {
            return EndWrite(StoreStatus.AlreadyExists);
        }

        if (!Cutting || _random.Next(2) == 0)
        {
            _files.Remove(from);
            _files[to] = node;
        }

        return EndWrite(StoreStatus.Ok);
    }

    public StoreStatus Delete(string path)
    {
        if (!BeginWrite(out StoreStatus failed))
        {
            return failed;
        }

        string key = Key(path);
        if (!_files.ContainsKey(key))
        {
            return EndWrite(StoreStatus.NotFound);
        }

        if (!Cutting || _random.Next(2) == 0)
        {
            _usedBytes -= _files[key].Data.Count;
            _files.Remove(key);
        }

        return EndWrite(StoreStatus.Ok);
    }

    public StoreStatus CreateDirectory(string directoryPath)
    {
        if (!BeginWrite(out StoreStatus failed))
        {
            return failed;
        }

        string key = Key(directoryPath);
        if (!_directories.Contains(Parent(key)))
        {
            return EndWrite(StoreStatus.NotFound);
        }

        if (!Cutting || _random.Next(2) == 0)
        {
            _directories.Add(key);
        }

        return EndWrite(StoreStatus.Ok);
    }

    public StoreStatus Read(string path, long position, byte[] buffer, int offset, int count, out int bytesRead)
    {
        bytesRead = 0;
        if (!BeginRead(out StoreStatus failed))
        {
            return failed;
        }

        if (!_files.TryGetValue(Key(path), out Node? node))
        {
            return StoreStatus.NotFound;
        }

        int available = (int)Math.Max(0, Math.Min(count, node.Data.Count - position));
        node.Data.CopyTo((int)position, buffer, offset, available);
        bytesRead = available;
        return StoreStatus.Ok;
    }

    public StoreStatus OpenRead(string path, out Stream stream)
    {
        stream = null!;
        if (!BeginRead(out StoreStatus failed))
        {
            return failed;
        }

        if (!_files.TryGetValue(Key(path), out Node? node))
        {
            return StoreStatus.NotFound;
        }

        stream = new MemoryStream(node.Data.ToArray(), writable: false);
        return StoreStatus.Ok;
    }

    public StoreStatus GetLength(string path, out long lengthBytes)
    {
        lengthBytes = 0;
        if (!BeginRead(out StoreStatus failed))
        {
            return failed;
        }

        if (!_files.TryGetValue(Key(path), out Node? node))
        {
            return StoreStatus.NotFound;
        }

        lengthBytes = node.Data.Count;
        return StoreStatus.Ok;
    }

    public StoreStatus List(string directoryPath, out string[] fileNames)
    {
        fileNames = Array.Empty<string>();
        if (!BeginRead(out StoreStatus failed))
        {
            return failed;
        }

        string key = Key(directoryPath);
        if (!_directories.Contains(key))
        {
            return StoreStatus.NotFound;
        }

        // FAT returns directory entries in slot order, not sorted: shuffle to keep Core honest.
        fileNames = _files.Keys.Where(k => Parent(k) == key).Select(Name).OrderBy(_ => _random.Next()).ToArray();
        return StoreStatus.Ok;
    }

    public StoreStatus GetFreeSpace(out long freeBytes)
    {
        freeBytes = 0;
        if (!BeginRead(out StoreStatus failed))
        {
            return failed;
        }

        freeBytes = CapacityBytes == long.MaxValue ? long.MaxValue : CapacityBytes - UsedBytes;
        return StoreStatus.Ok;
    }

    /// <summary>Human-readable listing, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var pair in _files.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(pair.Key).Append(' ').Append(pair.Value.Data.Count).Append(pair.Value.Durable == null ? " (unflushed)" : "").Append('\n');
        }

        return text.ToString();
    }

    private bool Cutting => CutAtWriteOperation != 0 && WriteOperations == CutAtWriteOperation;

    private bool BeginWrite(out StoreStatus failed, string? path = null)
    {
        EnsurePowered();
        WriteOperations++;
        failed = IoErrorStatus;
        bool pathFails = path != null && FailWritesToPathsEndingWith != null
            && path.EndsWith(FailWritesToPathsEndingWith, StringComparison.OrdinalIgnoreCase);
        return WriteOperations != FailAtWriteOperation && !pathFails;
    }

    private StoreStatus EndWrite(StoreStatus status)
    {
        if (Cutting)
        {
            _powered = false;
            Crash();
            throw new PowerLostException(WriteOperations);
        }

        return status;
    }

    private bool BeginRead(out StoreStatus failed)
    {
        EnsurePowered();
        ReadOperations++;
        failed = IoErrorStatus;
        return FailAtReadOperation == 0 || ReadOperations < FailAtReadOperation || ReadOperations >= FailAtReadOperation + ReadFailures;
    }

    private void EnsurePowered()
    {
        if (!_powered)
        {
            throw new PowerLostException(WriteOperations);
        }
    }

    /// <summary>Turns the volatile state into what survives the cut.</summary>
    private void Crash()
    {
        foreach (string key in _files.Keys.ToList())
        {
            Node node = _files[key];
            byte[] durable = node.Durable ?? Array.Empty<byte>();
            if (node.Durable == null && _random.Next(2) == 0)
            {
                _files.Remove(key);
                continue;
            }


            int unflushed = Math.Max(0, node.Data.Count - durable.Length);
            int kept = unflushed == 0 ? 0 : _random.Next(unflushed + 1);
            var survivor = new List<byte>(durable);
            survivor.AddRange(node.Data.Skip(durable.Length).Take(kept));
            if (kept > 0 && _random.Next(2) == 0)
            {
                for (int i = Math.Max(durable.Length, survivor.Count - TornGarbageBytes); i < survivor.Count; i++)
                {
                    survivor[i] = (byte)_random.Next(256);
                }
            }

            node.Data.Clear();
            node.Data.AddRange(survivor);
            node.Durable = survivor.ToArray();
        }

        _usedBytes = _files.Values.Sum(n => (long)n.Data.Count);
    }

    private static string Key(string path) => path.ToUpperInvariant();

    private static string Parent(string key)
    {
        int slash = key.LastIndexOf('/');
        return slash < 0 ? "" : key.Substring(0, slash);
    }

    private static string Name(string key)
    {
        int slash = key.LastIndexOf('/');
        return slash < 0 ? key : key.Substring(slash + 1);
    }

    private sealed class Node
    {
        public List<byte> Data { get; } = new();

        /// <summary>Content as of the last flush; null if never flushed.</summary>
        public byte[]? Durable { get; set; }
    }
}
