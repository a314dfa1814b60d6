using System.Net;
using System.Security.Authentication;

namespace CamAgent.Host.Tls;

/// <summary>Timeouts of <see cref="TlsConnector"/>, the TLS versions it offers, and the host-only test override.</summary>
public sealed class TlsConnectorOptions
{
    private readonly SslProtocols _protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>TLS handshake budget after the TCP connection is up.</summary>
    public int HandshakeTimeoutMs { get; init; } = 30_000;

    /// <summary>Each read and each write on the established stream; a stalled server is detected after this.</summary>
    public int ReadWriteTimeoutMs { get; init; } = 30_000;

    /// <summary>
    /// The configuration's agency.address: dialled instead of resolving the host name (no DNS), on the
    /// requested port, as the firmware does. The certificate is still checked against the host name.
    /// </summary>
    public IPAddress? AgencyAddress { get; init; }

    /// <summary>
    /// TEST ONLY: dial this address instead of resolving the host name and using the requested
    /// port. The server certificate is still checked against the requested host name. Every use
    /// logs a warning, and the device has no equivalent.
    /// </summary>
    public IPEndPoint? TestOnlyDialOverride { get; init; }

    /// <summary>
    /// The TLS versions offered: 1.2 and 1.3, as the device offers them (the server chooses).
    /// Only TLS 1.2 and 1.3 may be given; the ingest benchmark offers 1.2 alone to measure the
    /// handshakes of a camera whose TLS stack has no 1.3.
    /// </summary>
    public SslProtocols Protocols
    {
        get => _protocols;
        init
        {
            if (value == SslProtocols.None || (value & ~(SslProtocols.Tls12 | SslProtocols.Tls13)) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Only TLS 1.2 and 1.3 may be offered.");
            }

            _protocols = value;
        }
    }
}
