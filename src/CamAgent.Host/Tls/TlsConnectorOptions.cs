using System.Net;

namespace CamAgent.Host.Tls;

/// <summary>Timeouts of <see cref="TlsConnector"/> and the host-only test override.</summary>
public sealed class TlsConnectorOptions
{
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
}
