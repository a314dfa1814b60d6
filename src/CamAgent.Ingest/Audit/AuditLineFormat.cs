using System.Globalization;
using System.Text.Json;
using CamAgent.Verification.Audit;

namespace CamAgent.Ingest.Audit;

/// <summary>
/// Writes one audit line (docs/ingest-server.md §7): the fields in their fixed order, every
/// string cut to <see cref="AuditLogFormat.MaxFieldChars"/> characters (a cut value ends in
/// "…"), so no input can make a line longer than <see cref="AuditLogFormat.MaxLineBytes"/>.
/// </summary>
internal static class AuditLineFormat
{
    private const string CutMark = "…";

    public static byte[] Format(AuditEntry entry, long lineNumber, DateTimeOffset time, string previousHash)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("n", lineNumber);
            json.WriteString("time", Time(time));
            json.WriteString("prev", previousHash);
            json.WriteString("outcome", Bound(entry.Outcome));
            json.WriteString("op", Bound(entry.Operation));
            json.WriteString("code", Bound(entry.Code));
            if (entry.Status != 0)
            {
                json.WriteNumber("status", entry.Status);
            }

            WriteOptional(json, "device", entry.DeviceId);
            WriteOptional(json, "serial", entry.CertificateSerial);
            WriteOptional(json, "remote", entry.RemoteAddress);
            WriteOptional(json, "upload", entry.UploadId);
            if (entry.Sequence is ulong sequence)
            {
                json.WriteNumber("sequence", sequence);
            }

            if (entry.Unrecorded is long unrecorded)
            {
                json.WriteNumber("unrecorded", unrecorded);
            }

            if (entry.Tally is not null)
            {
                WriteTally(json, entry.Tally);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary><paramref name="value"/> cut to the longest a field may be.</summary>
    public static string Bound(string value) =>
        value.Length <= AuditLogFormat.MaxFieldChars ? value : string.Concat(value.AsSpan(0, AuditLogFormat.MaxFieldChars - CutMark.Length), CutMark);

    private static void WriteTally(Utf8JsonWriter json, RefusalTally tally)
    {
        json.WriteString("since", Time(tally.Since));
        json.WriteNumber("refused", tally.Refused);
        json.WriteNumber("dropped", tally.Dropped);
        if (tally.Addresses > 0)
        {
            json.WriteNumber("addresses", tally.Addresses);
        }

        json.WriteStartObject("codes");
        foreach (KeyValuePair<string, long> code in tally.Codes.OrderBy(c => c.Key, StringComparer.Ordinal).Take(AuditLogFormat.MaxFields / 2))
        {
            json.WriteNumber(Bound(code.Key), code.Value);
        }

        json.WriteEndObject();
        WriteOptional(json, "certificate", tally.CertificateSha256);
        WriteOptional(json, "claimed", tally.ClaimedSubject);
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, Bound(value));
        }
    }
}
