using System.Security.Cryptography;
using System.Text.Json;
using CamAgent.Verification.Audit;

namespace CamAgent.Ingest.Audit;

/// <summary>
/// The append-only, hash-chained audit log (docs/ingest-server.md §7). Each line is one JSON
/// object whose "prev" field is the SHA-256 (hex) of the previous line's bytes (without its
/// newline); the first line links to 64 zeros. Every line is flushed to disk (fsync) before the
/// decision it records is answered. Space for <c>reserveBytes</c> more is kept allocated past the
/// end (<see cref="AuditReserve"/>), so decisions are still recorded on a full file system; a
/// line that cannot be written throws <see cref="IOException"/>, leaves the file as it was, and is
/// counted on the next line that can be ("unrecorded"). Thread safe.
/// </summary>
public sealed class AuditLog : IAuditLog
{
    private const int TailScanBytes = 64 * 1024;

    private readonly object _gate = new();
    private readonly FileStream _file;
    private readonly TimeProvider _time;
    private readonly AuditReserve _reserve;
    private string _previousHash;
    private long _lineNumber;
    private long _unrecorded;

    private AuditLog(FileStream file, TimeProvider time, long reserveBytes, string previousHash, long lineNumber)
    {
        _file = file;
        _time = time;
        _reserve = new AuditReserve(file.SafeFileHandle, reserveBytes);
        _previousHash = previousHash;
        _lineNumber = lineNumber;
        _reserve.Refill(file.Length);
    }

    /// <summary>Opens (or creates) the log at <paramref name="path"/>, continues its chain and reserves <paramref name="reserveBytes"/> past its end.</summary>
    public static AuditLog Open(string path, TimeProvider time, long reserveBytes = 0)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        try
        {
            (string prev, long lines) = ReadTail(file);
            file.Seek(0, SeekOrigin.End);
            return new AuditLog(file, time, reserveBytes, prev, lines);
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

    /// <summary>Appends <paramref name="entry"/> and forces it to disk; throws <see cref="IOException"/> when it cannot.</summary>
    public void Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            try
            {
                if (_unrecorded > 0)
                {
                    Write(new AuditEntry(AuditEntry.Reject, "audit", "decisions-unrecorded") { Unrecorded = _unrecorded });
                    _unrecorded = 0;
                }

                Write(entry);
            }
            catch (IOException)
            {
                _unrecorded++;
                throw;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }

    private void Write(AuditEntry entry)
    {
        byte[] line = AuditLineFormat.Format(entry, _lineNumber + 1, _time.GetUtcNow(), _previousHash);
        byte[] record = new byte[line.Length + 1];
        line.CopyTo(record, 0);
        record[^1] = (byte)'\n';
        long end = _file.Position;
        try
        {
            // One write call per line, so a killed process leaves whole lines.
            _file.Write(record);
            _file.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            // A part of the line may have reached the file: cut it off, so the chain goes on
            // from the last whole line. Shrinking a file needs no free space.
            _file.SetLength(end);
            throw;
        }

        _previousHash = Convert.ToHexStringLower(SHA256.HashData(line));
        _lineNumber++;
        _reserve.Refill(_file.Position);
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
