namespace CamAgent.Core.Platform
{
    /// <summary>Expected outcomes of opening or using a connection.</summary>
    public enum TransportStatus
    {
        Ok = 0,

        /// <summary>No network link (Wi-Fi down).</summary>
        NoNetwork = 1,

        /// <summary>The host name did not resolve.</summary>
        NameNotResolved = 2,

        /// <summary>TCP connect refused or unreachable.</summary>
        ConnectFailed = 3,

        /// <summary>An operation did not finish within its timeout.</summary>
        Timeout = 4,

        /// <summary>The TLS handshake failed for a reason other than the server's certificate.</summary>
        HandshakeFailed = 5,

        /// <summary>The server's certificate did not chain to the pinned CA or did not match the host name.</summary>
        ServerCertificateRejected = 6,

        /// <summary>The server refused our client certificate (or we have none to present).</summary>
        ClientCertificateRejected = 7,

        /// <summary>The connection was closed or reset.</summary>
        Closed = 8,

        /// <summary>Refused by the egress policy before any packet left the device.</summary>
        PolicyRefused = 9,

        /// <summary>
        /// The server's certificate chains to the pinned CA and names the host, but by this device's clock
        /// it has expired or is not yet valid: either the agency let it lapse or the device's clock is wrong.
        /// Refused like any other bad certificate; reported apart so the two can be told from the other refusals.
        /// </summary>
        ServerCertificateNotValidNow = 10,
    }
}
