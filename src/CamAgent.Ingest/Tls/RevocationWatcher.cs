using CamAgent.Verification.Revocation;

namespace CamAgent.Ingest.Tls;

/// <summary>
/// Watches the agency's list of revoked device certificates, written by `camagent revoke`, in the
/// one format <see cref="RevocationList"/> reads (docs/ingest-server.md §3.2).
/// The file is re-read whenever its modification time or size changes, checked on every
/// request, so a revocation takes effect on the next request without a restart, including on
/// connections that are already open. A missing file means nothing is revoked; a file that
/// cannot be parsed refuses everyone until it is fixed (fail closed).
/// </summary>
public sealed class RevocationWatcher : IRevocationCheck
{
    private readonly string? _path;
    private readonly object _gate = new();
    private DateTime _loadedWriteTimeUtc = DateTime.MinValue;
    private long _loadedLength = -1;
    private RevocationList _list = RevocationList.Empty;
    private bool _unusable;

    /// <summary>Watches <paramref name="path"/>; null or empty means no revocation list.</summary>
    public RevocationWatcher(string? path)
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

            return _list.IsRevoked(serialNumber) ? RevocationStatus.Revoked : RevocationStatus.NotRevoked;
        }
    }

    private void RefreshIfChanged(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            _list = RevocationList.Empty;
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
            _unusable = !RevocationList.TryParse(text, out RevocationList parsed, out _);
            _list = parsed;
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
