using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Connections;
using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest.Audit;

/// <summary>
/// Records what unauthenticated peers are refused — handshakes refused for their certificate and
/// connections the limits closed — without letting them write the audit log at will
/// (docs/ingest-server.md §7): counts are kept per source address (<see cref="SourceAddress"/>)
/// for a window, and when the window closes one line per address is written, for the
/// <c>maxAddresses</c> busiest addresses; every other address of the window is summed up in one
/// overflow line. What a certificate claims is only kept cut and sanitised beside its SHA-256.
/// At most two lines more than <c>maxAddresses</c> per window, whatever is sent. Thread safe.
/// </summary>
public sealed class RefusalLedger : IDisposable
{
    /// <summary>Overflow lines carry this as their "remote".</summary>
    public const string OverflowRemote = "other-addresses";

    /// <summary>
    /// Addresses counted one by one per window; events from further addresses are only summed.
    /// 4,096 counters of a few hundred bytes each bound the ledger's memory to about 2 MB.
    /// </summary>
    public const int TrackedAddresses = 4096;

    private readonly object _gate = new();
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly int _maxAddresses;
    private readonly ITimer _timer;
    private RefusalWindow _window;
    private bool _disposed;

    public RefusalLedger(IAuditLog audit, TimeProvider time, TimeSpan window, int maxAddresses)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAddresses, 1);
        _audit = audit;
        _time = time;
        _maxAddresses = maxAddresses;
        _window = new RefusalWindow(time.GetUtcNow(), TrackedAddresses);
        _timer = time.CreateTimer(_ => Flush(), null, window, window);
    }

    /// <summary>A handshake from <paramref name="address"/> was refused with <paramref name="code"/>; <paramref name="certificate"/> is what it presented.</summary>
    public void Refused(IPAddress address, string code, X509Certificate2? certificate)
    {
        lock (_gate)
        {
            _window.Refused(address, code, certificate);
        }
    }

    /// <summary>A connection from <paramref name="address"/> was closed by a connection limit.</summary>
    public void Dropped(IPAddress address)
    {
        lock (_gate)
        {
            _window.Dropped(address);
        }
    }

    /// <summary>Handshakes refused for <paramref name="address"/> in the current window (0 when it is not tracked).</summary>
    public long RefusedInWindow(IPAddress address)
    {
        lock (_gate)
        {
            return _window.RefusedOf(address);
        }
    }

    /// <summary>Closes the current window: writes its lines and starts the next. Called by the timer, and on dispose.</summary>
    public void Flush()
    {
        RefusalWindow closed;
        lock (_gate)
        {
            closed = _window;
            _window = new RefusalWindow(_time.GetUtcNow(), TrackedAddresses);
        }

        foreach (AuditEntry entry in closed.Lines(_maxAddresses))
        {
            try
            {
                _audit.Append(entry);
            }
            catch (IOException)
            {
                // The log counts the line as unrecorded and says so on its next line.
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _timer.Dispose();
        Flush();
    }

    /// <summary>What a certificate claims, bounded: its CN cut to 64 printable ASCII characters ('?' for others).</summary>
    public static string? ClaimedSubject(X509Certificate2? certificate)
    {
        const int MaxClaimedChars = 64;
        if (certificate is null)
        {
            return null;
        }

        string name = DeviceIdentity.CommonNameOf(certificate);
        var text = new System.Text.StringBuilder(Math.Min(name.Length, MaxClaimedChars) + 1);
        foreach (char c in name.AsSpan(0, Math.Min(name.Length, MaxClaimedChars)))
        {
            text.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return name.Length > MaxClaimedChars ? text.Append('…').ToString() : text.ToString();
    }

    /// <summary>SHA-256 (hex) of the certificate's DER encoding.</summary>
    public static string? Fingerprint(X509Certificate2? certificate) =>
        certificate is null ? null : Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span));
}
