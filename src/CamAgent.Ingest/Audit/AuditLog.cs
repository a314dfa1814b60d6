using System.Security.Cryptography;
using System.Text.Json;
using CamAgent.Verification.Audit;
using Microsoft.Win32.SafeHandles;

namespace CamAgent.Ingest.Audit;

/// <summary>
/// The append-only, hash-chained audit log (docs/ingest-server.md §7). Each line is one JSON
/// object whose "prev" field is the SHA-256 (hex) of the previous line's bytes (without its
/// newline); the first line links to 64 zeros. A line is on disk (fsync) before the decision it
/// records is answered. Lines are written in order under a lock; with shared flushes (the
/// default) the fsync happens outside it, and lines written while one runs share the next, so
/// concurrent decisions wait for one flush instead of queueing for one each. Space for
/// <c>reserveBytes</c> more is kept allocated past the end (<see cref="AuditReserve"/>), so
/// decisions are still recorded on a full file system. A line that cannot be written, or whose
/// flush fails, is reported as an <see cref="IOException"/> and taken out of the file again
/// together with every line written after it that was not yet durable, so the chain goes on from
/// the last durable line; those decisions are counted on the next line that can be written
/// ("unrecorded"). Thread safe.
/// </summary>
public sealed class AuditLog : IAuditLog
{
    private const int TailScanBytes = 64 * 1024;

    private readonly object _gate = new();
    private readonly FileStream _file;
    private readonly TimeProvider _time;
    private readonly AuditReserve _reserve;
    private readonly bool _shareFlushes;
    private readonly Action<SafeFileHandle> _flush;

    // Lines written but not yet durable, oldest first; only with shared flushes.
    private readonly List<PendingLine> _pending = [];
    private string _previousHash;
    private long _lineNumber;
    private long _unrecorded;
    private Task? _flusher;

    private AuditLog(FileStream file, TimeProvider time, long reserveBytes, string previousHash, long lineNumber, bool shareFlushes, Action<SafeFileHandle>? flush = null)
    {
        _file = file;
        _time = time;
        _reserve = new AuditReserve(file.SafeFileHandle, reserveBytes);
        _previousHash = previousHash;
        _lineNumber = lineNumber;
        _shareFlushes = shareFlushes;
        _flush = flush ?? RandomAccess.FlushToDisk;
        _reserve.Refill(file.Length);
    }

    /// <summary>Flushes run so far (each made every line written before it began durable).</summary>
    public long Flushes { get; private set; }

    /// <summary>
    /// Opens (or creates) the log at <paramref name="path"/>, continues its chain and reserves
    /// <paramref name="reserveBytes"/> past its end. <paramref name="shareFlushes"/> false gives
    /// every line its own fsync under the log's lock.
    /// </summary>
    public static AuditLog Open(string path, TimeProvider time, long reserveBytes = 0, bool shareFlushes = true)
    {
        return Open(path, time, reserveBytes, shareFlushes, null);
    }

    /// <summary>
    /// As <see cref="Open(string, TimeProvider, long, bool)"/>, with <paramref name="flush"/> as
    /// the way written lines reach the disk (null: fsync of the log's file); it throws
    /// <see cref="IOException"/> when they cannot.
    /// </summary>
    public static AuditLog Open(string path, TimeProvider time, long reserveBytes, bool shareFlushes, Action<SafeFileHandle>? flush)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        try
        {
            (string prev, long lines) = ReadTail(file);
            file.Seek(0, SeekOrigin.End);
            return new AuditLog(file, time, reserveBytes, prev, lines, shareFlushes, flush);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>SHA-256 (hex) of the last line written: publish it elsewhere to anchor the log.</summary>
    public string HeadHash
    {
        get
        {
            lock (_gate)
            {
                return _previousHash;
            }
        }
    }

    /// <summary>Bytes still reserved past the end of the log (0 where reserving is not supported).</summary>
    public long ReservedBytesLeft
    {
        get
        {
            lock (_gate)
            {
                return _reserve.BytesLeft(_file.Length);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="entry"/> as the next line before it returns (throws
    /// <see cref="IOException"/> when it cannot); the task completes once the line is durable and
    /// faults with <see cref="IOException"/> when it cannot be made so.
    /// </summary>
    public Task AppendAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // With its own fsync the line is durable when Write returns; otherwise when its flush round ends.
        TaskCompletionSource? durable = _shareFlushes ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(!_file.CanWrite, this);
            try
            {
                if (_unrecorded > 0)
                {
                    long carried = _unrecorded;
                    Write(new AuditEntry(AuditEntry.Reject, "audit", "decisions-unrecorded") { Unrecorded = carried }, carried, null);
                    _unrecorded = 0;
                }

                Write(entry, 0, durable);
            }
            catch (IOException)
            {
                _unrecorded++;
                throw;
            }

            if (_shareFlushes && _flusher is null)
            {
                _flusher = Task.Run(FlushRounds); // observed through the lines' tasks
            }
        }

        return durable?.Task ?? Task.CompletedTask;
    }

    /// <summary>Appends <paramref name="entry"/> and waits until it is durable; throws <see cref="IOException"/> when it cannot be.</summary>
    public void Append(AuditEntry entry) => AppendAsync(entry).GetAwaiter().GetResult();

    public void Dispose()
    {
        Task? flusher;
        lock (_gate)
        {
            flusher = _flusher;
        }

        // Lines already written get their flush before the file closes.
        flusher?.Wait();
        lock (_gate)
        {
            _file.Dispose();
        }
    }

    // Caller holds the lock. One write call per line, so a killed process leaves whole lines.
    private void Write(AuditEntry entry, long carriedUnrecorded, TaskCompletionSource? durable)
    {
        byte[] line = AuditLineFormat.Format(entry, _lineNumber + 1, _time.GetUtcNow(), _previousHash);
        byte[] record = new byte[line.Length + 1];
        line.CopyTo(record, 0);
        record[^1] = (byte)'\n';
        long start = _file.Position;
        try
        {
            _file.Write(record);
            if (!_shareFlushes)
            {
                _flush(_file.SafeFileHandle);
                Flushes++;
            }
        }
        catch (IOException)
        {
            // A part of the line may have reached the file: cut it off, so the chain goes on
            // from the last whole line. Shrinking a file needs no free space.
            _file.SetLength(start);
            _file.Position = start;
            throw;
        }

        if (_shareFlushes)
        {
            _pending.Add(new PendingLine(start, _previousHash, _lineNumber, carriedUnrecorded, durable));
        }

        _previousHash = Convert.ToHexStringLower(SHA256.HashData(line));
        _lineNumber++;
        _reserve.Refill(_file.Position);
    }

    // Runs while lines are waiting: each round flushes what was written before it began.
    private void FlushRounds()
    {
        while (true)
        {
            int count;
            lock (_gate)
            {
                count = _pending.Count;
                if (count == 0)
                {
                    _flusher = null;
                    return;
                }
            }

            IOException? failure = null;
            try
            {
                _flush(_file.SafeFileHandle);
            }
            catch (IOException e)
            {
                failure = e;
            }
            catch (ObjectDisposedException e)
            {
                // A line written while the log was being closed: it is not answered as recorded.
                failure = new IOException("The audit log was closed before the line was flushed.", e);
            }

            List<PendingLine> done;
            lock (_gate)
            {
                Flushes++;
                done = failure is null ? TakeDurable(count) : CutOffPending();
            }

            foreach (PendingLine line in done)
            {
                if (failure is null)
                {
                    line.Durable?.SetResult();
                }
                else
                {
                    line.Durable?.SetException(failure);
                }
            }
        }
    }

    // Caller holds the lock: the first <paramref name="count"/> pending lines were written before the flush began.
    private List<PendingLine> TakeDurable(int count)
    {
        List<PendingLine> durable = _pending.GetRange(0, count);
        _pending.RemoveRange(0, count);
        return durable;
    }

    // Caller holds the lock. After a failed flush nothing past the last durable line can be
    // trusted to be on disk: it is cut off, the chain continues from the last durable line, and
    // the decisions it held are counted as unrecorded.
    private List<PendingLine> CutOffPending()
    {
        List<PendingLine> lost = new(_pending);
        _pending.Clear();
        PendingLine first = lost[0];
        try
        {
            _file.SetLength(first.Start);
            _file.Position = first.Start;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The lines stay in the file, chained, and count as recorded; their decisions are
            // still answered 503.
            return lost;
        }

        _previousHash = first.PreviousHash;
        _lineNumber = first.LineNumber;
        foreach (PendingLine line in lost)
        {
            _unrecorded += line.Durable is null ? line.CarriedUnrecorded : 1;
        }

        return lost;
    }

    private sealed record PendingLine(long Start, string PreviousHash, long LineNumber, long CarriedUnrecorded, TaskCompletionSource? Durable);

    // The last line carries its own number; its hash links the next one. A crash can leave a
    // torn last line: it is closed with a newline so the chain continues after it, and
    // `camagent audit verify` reports it.
    private static (string PreviousHash, long Lines) ReadTail(FileStream file)
    {
        long length = file.Length;
        if (length == 0)
        {
            return (AuditLogFormat.GenesisHash, 0);
        }

        int take = (int)Math.Min(length, TailScanBytes);
        byte[] tail = new byte[take];
        file.Seek(length - take, SeekOrigin.Begin);
        file.ReadExactly(tail);
        if (tail[^1] != (byte)'\n')
        {
            file.Seek(0, SeekOrigin.End);
            file.WriteByte((byte)'\n');
            file.Flush(flushToDisk: true);
            byte[] withNewline = new byte[take + 1];
            tail.CopyTo(withNewline, 0);
            withNewline[^1] = (byte)'\n';
            tail = withNewline;
        }

        int end = tail.Length - 1;
        int start = Array.LastIndexOf(tail, (byte)'\n', end - 1) + 1;
        byte[] last = tail[start..end];
        return (Convert.ToHexStringLower(SHA256.HashData(last)), LineNumberOf(last, file));
    }

    private static long LineNumberOf(byte[] line, FileStream file)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("n", out JsonElement n) && n.TryGetInt64(out long value))
            {
                return value;
            }
        }
        catch (JsonException)
        {
            // A torn line has no number: the lines are counted instead.
        }

        return CountLines(file);
    }

    private static long CountLines(FileStream file)
    {
        long lines = 0;
        byte[] block = new byte[TailScanBytes];
        file.Seek(0, SeekOrigin.Begin);
        int read;
        while ((read = file.Read(block, 0, block.Length)) > 0)
        {
            lines += block.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }
}
