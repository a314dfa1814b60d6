using System.Security.Cryptography;
using System.Text.Json;

namespace CamAgent.Verification.Audit;

/// <summary>
/// Checks an audit log written by the ingest server (docs/ingest-server.md §7): each line is a
/// JSON object whose "n" is its 1-based line number and whose "prev" is the SHA-256 of the line
/// before it. It names the first line that was altered, inserted, removed or moved:
/// <list type="bullet">
/// <item>line k+1 numbered right but not linking to line k: line k was altered (its bytes are not those line k+1 recorded);</item>
/// <item>line k+1 numbered k and linking to line k−1: line k was inserted;</item>
/// <item>line k numbered above k: a line before it is missing; numbered below k (or repeating line k−1): moved or copied.</item>
/// </list>
/// Truncating the end, or altering the last line, is only visible against a head hash kept
/// elsewhere. Streams the file; memory is bounded by <see cref="AuditLogFormat.MaxLineBytes"/>.
/// </summary>
public static class AuditLogVerifier
{
    public static AuditVerification Verify(string path) => Verify(path, null);

    /// <summary>
    /// Verifies <paramref name="path"/> and hands every line proven intact to
    /// <paramref name="onIntactLine"/> (line number, parsed object) in order. Throws
    /// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the file cannot be read.
    /// </summary>
    public static AuditVerification Verify(string path, Action<long, JsonElement>? onIntactLine)
    {
        using var reader = new AuditLineReader(path);
        var chain = new ChainWindow();
        JsonDocument? pending = null;
        try
        {
            while (true)
            {
                AuditLineReader.Outcome outcome = reader.Next(out byte[] line);
                if (outcome != AuditLineReader.Outcome.Line)
                {
                    Release(ref pending, chain.Count, onIntactLine);
                    return outcome == AuditLineReader.Outcome.End ? chain.Intact() : chain.Broken(chain.Count + 1, Describe(outcome));
                }

                JsonDocument? parsed = Parse(line);
                AuditVerification? broken = chain.Check(line, parsed);
                if (broken is not null)
                {
                    parsed?.Dispose();
                    if (broken.FirstBadLine > chain.Count)
                    {
                        Release(ref pending, chain.Count, onIntactLine);
                    }

                    return broken;
                }

                // A line is proven once the next one links to it (the last one: at the end), so it is handed on one line late.
                Release(ref pending, chain.Count - 1, onIntactLine);
                pending = parsed;
            }
        }
        finally
        {
            pending?.Dispose();
        }
    }

    private static void Release(ref JsonDocument? pending, long lineNumber, Action<long, JsonElement>? onIntactLine)
    {
        if (pending is not null)
        {
            onIntactLine?.Invoke(lineNumber, pending.RootElement);
            pending.Dispose();
            pending = null;
        }
    }

    private static string Describe(AuditLineReader.Outcome outcome) => outcome == AuditLineReader.Outcome.TooLong
        ? $"longer than {AuditLogFormat.MaxLineBytes} bytes, which the server never writes"
        : "last line is incomplete (no newline)";

    private static JsonDocument? Parse(byte[] line)
    {
        try
        {
            JsonDocument document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The last two lines' hashes, which decide where a break began.</summary>
    private sealed class ChainWindow
    {
        private byte[] _previousLine = Array.Empty<byte>();
        private string _previous = AuditLogFormat.GenesisHash;
        private string _beforePrevious = AuditLogFormat.GenesisHash;

        public long Count { get; private set; }

        public AuditVerification Intact() => new(true, Count, _previous, 0, null);

        public AuditVerification Broken(long line, string problem) => line == Count + 1
            ? new AuditVerification(false, Count, _previous, line, problem)
            : new AuditVerification(false, Count - 1, _beforePrevious, line, problem);

        public AuditVerification? Check(byte[] line, JsonDocument? parsed)
        {
            long position = Count + 1;
            if (parsed is null)
            {
                return Broken(position, "not a valid JSON object");
            }

            if (position > 1 && line.AsSpan().SequenceEqual(_previousLine))
            {
                return Broken(position, $"repeats line {position - 1}");
            }

            long number = Number(parsed.RootElement);
            string? link = Link(parsed.RootElement);
            if (number == position && link == _previous)
            {
                Advance(line);
                return null;
            }

            return Diagnose(position, number, link);
        }

        private AuditVerification Diagnose(long position, long number, string? link)
        {
            if (position > 1 && number == position - 1 && link == _beforePrevious)
            {
                return Broken(position - 1, $"inserted: line {position} (numbered {number}) links to line {position - 2}, not to it");
            }

            if (number == position)
            {
                return position == 1
                    ? Broken(1, "the first line does not link to the genesis hash")
                    : Broken(position - 1, $"altered: its SHA-256 is not the one line {position} recorded for it (or line {position}'s link was altered)");
            }

            return number > position
                ? Broken(position, $"numbered {number}: the line(s) before it in the original log are missing")
                : Broken(position, $"numbered {number}: moved or copied from earlier in the log");
        }

        private void Advance(byte[] line)
        {
            _beforePrevious = _previous;
            _previous = Convert.ToHexStringLower(SHA256.HashData(line));
            _previousLine = line;
            Count++;
        }

        private static long Number(JsonElement root) =>
            root.TryGetProperty("n", out JsonElement n) && n.TryGetInt64(out long value) ? value : -1;

        private static string? Link(JsonElement root) =>
            root.TryGetProperty("prev", out JsonElement prev) && prev.ValueKind == JsonValueKind.String ? prev.GetString() : null;
    }
}
