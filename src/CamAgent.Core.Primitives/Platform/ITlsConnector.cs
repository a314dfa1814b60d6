using System.IO;

namespace CamAgent.Core.Platform
{
    /// <summary>
    /// The platform's TLS client: opens a socket to <paramref name="host"/>:<paramref name="port"/>,
    /// authenticates the server against the pinned agency CA only (never a system store), checks the
    /// host name, presents the device certificate, and allows TLS 1.2 and 1.3 only.
    /// Core never calls this directly: CamAgent.Core.Egress wraps it so that the only host ever
    /// dialled is the one allowlisted in the validated configuration, on port 443.
    /// </summary>
    public interface ITlsConnector
    {
        /// <summary>
        /// On <see cref="TransportStatus.Ok"/>, <paramref name="stream"/> is an authenticated stream
        /// the caller owns and must dispose; otherwise it is null. Platform exceptions never escape.
        /// Reads and writes on the returned stream honour the platform's I/O timeout and report
        /// failures as <see cref="TransportException"/> (an IOException carrying a TransportStatus).
        /// </summary>
        TransportStatus Connect(string host, int port, int timeoutMs, out Stream stream);
    }
}
