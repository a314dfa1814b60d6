using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CamAgent.Ingest.Audit;

/// <summary>
/// The append-only, hash-chained audit log (docs/ingest-server.md, "Audit log").
/// Each line is one JSON object whose "prev" field is the SHA-256 (hex) of the previous line's
/// bytes (without its newline); the first line links to 64 zeros. Every line is flushed to disk
/// (fsync) before the decision it records is answered. Thread safe.
/// </summary>
public sealed class AuditLog : IDisposable
{
    /// <summary>"prev" of the first line.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private const int TailScanBytes = 64 * 1024;

    private readonly object _gate = new();
    private readonly FileStream _file;
    private readonly TimeProvider _time;
    private string _previousHash;
    private long _lineNumber;

    private AuditLog(FileStream file, TimeProvider time, string previousHash, long lineNumber)
    {
        _file = file;
        _time = time;
        _previousHash = previousHash;
        _lineNumber = lineNumber;
    }

    /// <summary>Opens (or creates) the log at <paramref name="path"/> and continues its chain.</summary>
    public static AuditLog Open(string path, TimeProvider time)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        try
        {
            (string prev, long lines) = ReadTail(file);
            file.Seek(0, SeekOrigin.End);
            return new AuditLog(file, time, prev, lines);
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

    /// <summary>Appends <paramref name="entry"/> and forces it to disk.</summary>
    public void Append(AuditEntry entry)
    {
        lock (_gate)
        {
            byte[] line = Format(entry, _lineNumber + 1, _time.GetUtcNow(), _previousHash);
            byte[] record = new byte[line.Length + 1];
            line.CopyTo(record, 0);
            record[^1] = (byte)'\n';

            // One write call per line, so a killed process leaves whole lines.
            _file.Write(record);
            _file.Flush(flushToDisk: true);
            _previousHash = Convert.ToHexStringLower(SHA256.HashData(line));
            _lineNumber++;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }

    internal static byte[] Format(AuditEntry entry, long lineNumber, DateTimeOffset time, string previousHash)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("n", lineNumber);
            json.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("prev", previousHash);
            json.WriteString("outcome", entry.Outcome);
            json.WriteString("op", entry.Operation);
            json.WriteString("code", entry.Code);
            WriteOptional(json, "status", entry.Status == 0 ? null : entry.Status);
            WriteOptional(json, "device", entry.DeviceId);
            WriteOptional(json, "serial", entry.CertificateSerial);
            WriteOptional(json, "remote", entry.RemoteAddress);
            WriteOptional(json, "upload", entry.UploadId);
            if (entry.Sequence is ulong sequence)
            {
                json.WriteNumber("sequence", sequence);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is int v)
        {
            json.WriteNumber(name, v);
        }
    }

    // The last line carries its own number; its hash links the next one. A crash can leave a
    // torn last line: it is closed with a newline so the chain continues after it, and
    // `camagent audit verify` reports it.
    private static (string PreviousHash, long Lines) ReadTail(FileStream file)
    {
        long length = file.Length;
        if (length == 0)
        {
            return (GenesisHash, 0);
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
