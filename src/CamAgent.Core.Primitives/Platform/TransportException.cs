using System.IO;

namespace CamAgent.Core.Platform
{
    /// <summary>
    /// How a stream returned by <see cref="ITlsConnector"/> reports a failed read or write: platform
    /// adapters translate their socket and TLS exceptions into this type so that Core can tell a
    /// timeout from a reset or a refused client certificate without referencing platform types.
    /// Core also accepts a plain <see cref="IOException"/> and treats it as <see cref="TransportStatus.Closed"/>.
    /// </summary>
    public class TransportException : IOException
    {
        public TransportException(TransportStatus status, string message)
            : base(message)
        {
            Status = status;
        }

        /// <summary>Why the operation failed; never <see cref="TransportStatus.Ok"/>.</summary>
        public TransportStatus Status { get; private set; }
    }
}
