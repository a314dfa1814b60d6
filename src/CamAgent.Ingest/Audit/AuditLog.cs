using System.Security.Cryptography;
using System.Text.Json;
using CamAgent.Ingest.Storage;
using CamAgent.Verification.Audit;
using Microsoft.Win32.SafeHandles;

namespace CamAgent.Ingest.Audit;

/// <summary>
/// The append-only, hash-chained audit log (docs/ingest-server.md §7). Each line is one JSON
/// object whose "prev" field is the SHA-256 (hex) of the previous line's bytes (without its
/// newline); the first line links to 64 zeros. A line is on disk before the decision it records
/// is answered. Lines are written in order under a lock and made durable in shared flush rounds
/// (<see cref="GroupCommit"/>) outside it: every line written before a round began is durable when
/// it ends, so concurrent decisions wait for one flush instead of queueing for one each. The
/// rounds are the log's own fsyncs, or the store's syncfs rounds when the log lives on the
/// store's file system, so a decision's line and the store's steps it describes are made durable
/// by the same flush. Without shared flushes every line is fsynced under the lock. Space for
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

    // The log file's own flush: every line's under the lock without shared rounds, and the
    // judge of a failed store round (which reports errors of any file on the file system).
    private readonly Action<SafeFileHandle> _flush;

    // Null: every line fsynced under the lock. Otherwise the rounds lines join once written.
    private readonly GroupCommit? _rounds;
    private readonly bool _ownRounds;

    // Lines written but not yet durable, oldest first; only with shared rounds.
    private readonly List<PendingLine> _pending = [];
    private string _previousHash;
    private long _lineNumber;
    private long _unrecorded;
    private long _flushes;
    private long _lastRoundCounted;

    private AuditLog(FileStream file, TimeProvider time, long reserveBytes, string previousHash, long lineNumber, Action<SafeFileHandle>? flush, GroupCommit? storeRounds, bool shareFlushes)
    {
        _file = file;
        _time = time;
        _reserve = new AuditReserve(file.SafeFileHandle, reserveBytes);
        _previousHash = previousHash;
        _lineNumber = lineNumber;
        _flush = flush ?? RandomAccess.FlushToDisk;
        _ownRounds = storeRounds is null && shareFlushes;
        _rounds = storeRounds ?? (shareFlushes ? new GroupCommit(FlushOwnFile) : null);
        _reserve.Refill(file.Length);
    }

    /// <summary>Flushes that made lines durable so far (with shared rounds: the rounds lines took part in).</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

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
        return Open(path, (file, prev, lines) => new AuditLog(file, time, reserveBytes, prev, lines, flush, null, shareFlushes));
    }

    /// <summary>
    /// Opens the log with its lines made durable by <paramref name="storeRounds"/>: the store's
    /// group commit, whose flush must cover the file system holding <paramref name="path"/>
    /// (the store's audit.log does). A decision's line then shares its flush with the store's
    /// steps; when a round fails, the log file's own fsync decides whether its lines are durable.
    /// </summary>
    public static AuditLog Open(string path, TimeProvider time, long reserveBytes, GroupCommit storeRounds)
    {
        ArgumentNullException.ThrowIfNull(storeRounds);
        return Open(path, (file, prev, lines) => new AuditLog(file, time, reserveBytes, prev, lines, null, storeRounds, shareFlushes: true));
    }

    private static AuditLog Open(string path, Func<FileStream, string, long, AuditLog> create)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        try
        {
            (string prev, long lines) = ReadTail(file);
            file.Seek(0, SeekOrigin.End);
            return create(file, prev, lines);
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
        // With its own fsync the line is durable when Write returns; otherwise when a round that began after it ends.
        TaskCompletionSource? durable = _rounds is null ? null : new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(!_file.CanWrite, this);
            PendingLine? written = null;
            try
            {
                if (_unrecorded > 0)
                {
                    long carried = _unrecorded;
                    written = Write(new AuditEntry(AuditEntry.Reject, "audit", "decisions-unrecorded") { Unrecorded = carried }, carried, null);
                    _unrecorded = 0;
                }

                written = Write(entry, 0, durable);
            }
            catch (IOException)
            {
                _unrecorded++;
                throw;
            }
            finally
            {
                // Joined under the lock, so lines join rounds in the order they were written.
                if (written is not null)
                {
                    _rounds!.Join(failure => Settle(written, failure));
                }
            }
        }

        return durable?.Task ?? Task.CompletedTask;
    }

    /// <summary>Appends <paramref name="entry"/> and waits until it is durable; throws <see cref="IOException"/> when it cannot be.</summary>
    public void Append(AuditEntry entry) => AppendAsync(entry).GetAwaiter().GetResult();

    public void Dispose()
    {
        lock (_gate)
        {
            // Lines already written get their round before the file closes.
            while (_pending.Count > 0)
            {
                Monitor.Wait(_gate);
            }

            _file.Dispose();
        }

        if (_ownRounds)
        {
            _rounds!.Dispose();
        }
    }

    // Caller holds the lock. One write call per line, so a killed process leaves whole lines.
    // Returns the line when it waits for a round, null when it was fsynced here.
    private PendingLine? Write(AuditEntry entry, long carriedUnrecorded, TaskCompletionSource? durable)
    {
        byte[] line = AuditLineFormat.Format(entry, _lineNumber + 1, _time.GetUtcNow(), _previousHash);
        byte[] record = new byte[line.Length + 1];
        line.CopyTo(record, 0);
        record[^1] = (byte)'\n';
        long start = _file.Position;
        try
        {
            _file.Write(record);
            if (_rounds is null)
            {
                _flush(_file.SafeFileHandle);
                _flushes++;
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

        PendingLine? pending = null;
        if (_rounds is not null)
        {
            pending = new PendingLine(start, _previousHash, _lineNumber, carriedUnrecorded, durable);
            _pending.Add(pending);
        }

        _previousHash = Convert.ToHexStringLower(SHA256.HashData(line));
        _lineNumber++;
        _reserve.Refill(_file.Position);
        return pending;
    }

    // The round of the log's own shared flushes.
    private void FlushOwnFile()
    {
        try
        {
            _flush(_file.SafeFileHandle);
        }
        catch (ObjectDisposedException e)
        {
            throw new IOException("The audit log was closed before the line was flushed.", e);
        }
    }

    // On the round's thread, in the order lines joined: a round that began after the line was
    // written ended. Success makes it and every line before it durable; failure cuts off every
    // line not yet durable. A line already settled (cut off after an earlier failure) is skipped.
    private void Settle(PendingLine line, IOException? failure)
    {
        if (failure is not null && !_ownRounds)
        {
            // The store's syncfs reports errors of any file on the file system: the log file's own fsync decides.
            try
            {
                FlushOwnFile();
                failure = null;
            }
            catch (IOException e)
            {
                failure = e;
            }
        }

        lock (_gate)
        {
            List<PendingLine> done;
            int index = _pending.IndexOf(line);
            if (index < 0)
            {
                return;
            }

            if (failure is null)
            {
                done = _pending.GetRange(0, index + 1);
                _pending.RemoveRange(0, index + 1);

                // Callbacks run after their round is counted and before the next one begins.
                if (_rounds!.Rounds != _lastRoundCounted)
                {
                    _lastRoundCounted = _rounds.Rounds;
                    _flushes++;
                }
            }
            else
            {
                done = CutOffPending();
            }

            // Under the lock (their continuations run elsewhere), so a closing log sees them settled.
            foreach (PendingLine settled in done)
            {
                if (failure is null)
                {
                    settled.Durable?.SetResult();
                }
                else
                {
                    settled.Durable?.SetException(failure);
                }
            }

            if (_pending.Count == 0)
            {
                Monitor.PulseAll(_gate);
            }
        }
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

    // A class: lines are told apart by identity (a line cut off and one written after it in its place hold the same values).
    private sealed class PendingLine(long start, string previousHash, long lineNumber, long carriedUnrecorded, TaskCompletionSource? durable)
    {
        public long Start { get; } = start;

        public string PreviousHash { get; } = previousHash;

        public long LineNumber { get; } = lineNumber;

        public long CarriedUnrecorded { get; } = carriedUnrecorded;

        public TaskCompletionSource? Durable { get; } = durable;
    }

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
