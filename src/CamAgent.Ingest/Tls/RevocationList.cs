namespace CamAgent.Ingest.Tls;

/// <summary>
/// The agency's list of revoked device certificates, written by `camagent revoke`.
/// Format (docs/ingest-server.md): UTF-8 text, one certificate serial number per line in
/// hexadecimal (case and leading zeros ignored); '#' starts a comment; blank lines are ignored.
/// The file is re-read whenever its modification time or size changes, checked on every
/// request, so a revocation takes effect on the next request without a restart, including on
/// connections that are already open. A missing file means nothing is revoked; a file that
/// cannot be parsed refuses everyone until it is fixed (fail closed).
/// </summary>
public sealed class RevocationList
{
    /// <summary>RFC 5280 §4.1.2.2 serials are at most 20 octets.</summary>
    private const int MaxSerialHexDigits = 40;

    private readonly string? _path;
    private readonly object _gate = new();
    private DateTime _loadedWriteTimeUtc = DateTime.MinValue;
    private long _loadedLength = -1;
    private HashSet<string> _serials = new(StringComparer.Ordinal);
    private bool _unusable;

    /// <summary>Watches <paramref name="path"/>; null or empty means no revocation list.</summary>
    public RevocationList(string? path)
    {
        _path = string.IsNullOrWhiteSpace(path) ? null : path;
    }

    /// <summary>Looks up a serial number (any case, with or without leading zeros).</summary>
    public RevocationStatus Check(string serialNumber)
    {
        if (_path is null)
        {
            return RevocationStatus.NotRevoked;
        }

        lock (_gate)
        {
            RefreshIfChanged(_path);
            if (_unusable)
            {
                return RevocationStatus.ListUnusable;
            }

            return _serials.Contains(NormalizeSerial(serialNumber)) ? RevocationStatus.Revoked : RevocationStatus.NotRevoked;
        }
    }

    /// <summary>Uppercase hex without leading zeros ("0" for zero).</summary>
    public static string NormalizeSerial(string serialHex)
    {
        string trimmed = serialHex.Trim().TrimStart('0').ToUpperInvariant();
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    /// <summary>Parses the list text; returns false (and no set) on the first malformed line.</summary>
    public static bool TryParse(string text, out HashSet<string> serials)
    {
        serials = new HashSet<string>(StringComparer.Ordinal);
        foreach (string rawLine in text.Split('\n'))
        {
            int hash = rawLine.IndexOf('#', StringComparison.Ordinal);
            string line = (hash >= 0 ? rawLine[..hash] : rawLine).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length > MaxSerialHexDigits || !IsHex(line))
            {
                serials.Clear();
                return false;
            }

            serials.Add(NormalizeSerial(line));
        }

        return true;
    }

    private static bool IsHex(string s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private void RefreshIfChanged(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            _serials = new HashSet<string>(StringComparer.Ordinal);
            _unusable = false;
            _loadedLength = -1;
            return;
        }

        if (info.LastWriteTimeUtc == _loadedWriteTimeUtc && info.Length == _loadedLength)
        {
            return;
        }

        try
        {
            string text = File.ReadAllText(path);
            _unusable = !TryParse(text, out HashSet<string> parsed);
            _serials = parsed;
            _loadedWriteTimeUtc = info.LastWriteTimeUtc;
            _loadedLength = info.Length;
        }
        catch (IOException)
        {
            _unusable = true;
        }
        catch (UnauthorizedAccessException)
        {
            _unusable = true;
        }
    }
}
