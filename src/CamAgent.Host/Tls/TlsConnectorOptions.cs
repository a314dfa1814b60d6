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
    /// TEST ONLY: dial this address instead of resolving the host name and using the requested
    /// port. The server certificate is still checked against the requested host name. Every use
    /// logs a warning, and the device has no equivalent.
    /// </summary>
    public IPEndPoint? TestOnlyDialOverride { get; init; }
}
