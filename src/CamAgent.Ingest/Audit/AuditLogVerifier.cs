using System.Security.Cryptography;
using System.Text.Json;

namespace CamAgent.Ingest.Audit;

/// <summary>
/// Checks an audit log written by <see cref="AuditLog"/>: each line is a JSON object, its "n"
/// is its 1-based line number and its "prev" is the SHA-256 of the previous line. Editing,
/// inserting, deleting or reordering any line breaks the chain at that line; truncating the end
/// is only visible against a head hash kept elsewhere (docs/ingest-server.md). Streams the file,
/// memory bounded by the longest line.
/// </summary>
public static class AuditLogVerifier
{
    /// <summary>Longest line accepted; the server writes lines of a few hundred bytes.</summary>
    public const int MaxLineBytes = 16 * 1024;

    public static AuditVerification Verify(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        string previous = AuditLog.GenesisHash;
        long lineNumber = 0;
        var line = new MemoryStream();
        int b;
        while ((b = file.ReadByte()) >= 0)
        {
            if (b != '\n')
            {
                if (line.Length >= MaxLineBytes)
                {
                    return new AuditVerification(false, lineNumber, previous, lineNumber + 1, "line too long");
                }

                line.WriteByte((byte)b);
                continue;
            }

            lineNumber++;
            byte[] bytes = line.ToArray();
            line.SetLength(0);
            string? problem = CheckLine(bytes, lineNumber, previous);
            if (problem is not null)
            {
                return new AuditVerification(false, lineNumber - 1, previous, lineNumber, problem);
            }

            previous = Convert.ToHexStringLower(SHA256.HashData(bytes));
        }

        if (line.Length > 0)
        {
            return new AuditVerification(false, lineNumber, previous, lineNumber + 1, "last line is incomplete (no newline)");
        }

        return new AuditVerification(true, lineNumber, previous, 0, null);
    }

    private static string? CheckLine(byte[] bytes, long lineNumber, string expectedPrevious)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(bytes);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "not a JSON object";
            }

            if (!root.TryGetProperty("n", out JsonElement n) || !n.TryGetInt64(out long number) || number != lineNumber)
            {
                return $"line number is not {lineNumber}";
            }

            if (!root.TryGetProperty("prev", out JsonElement prev) || prev.ValueKind != JsonValueKind.String
                || prev.GetString() != expectedPrevious)
            {
                return "hash link to the previous line does not match";
            }

            return null;
        }
        catch (JsonException)
        {
            return "not valid JSON";
        }
    }
}
