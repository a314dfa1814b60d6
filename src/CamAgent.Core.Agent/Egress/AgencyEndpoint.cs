using System;
using System.IO;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Egress
{
    /// <summary>
    /// The only way the upload client reaches the network: the agency host from the validated
    /// configuration, always on <see cref="Port"/>, through the platform's <see cref="ITlsConnector"/>
    /// (which pins the agency CA and presents the device certificate). Neither host nor port can be
    /// chosen by a caller after construction, so no code path in Core can dial anywhere else.
    /// On the device the connector given here is the egress gate (EgressGate), which checks host,
    /// port and clock again and logs every attempt; this type logs only failures.
    /// </summary>
    public sealed class AgencyEndpoint
    {
        private readonly ITlsConnector _connector;
        private readonly ILogSink _log;
        private readonly string _failurePrefix;

        /// <param name="host">The agency host name exactly as the configuration validator accepted it.</param>
        public AgencyEndpoint(ITlsConnector connector, string host, ILogSink log)
        {
            if (connector == null)
            {
                throw new ArgumentNullException("connector");
            }

            if (host == null || host.Length == 0)
            {
                throw new ArgumentException("host");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _connector = connector;
            Host = host;
            _log = log;
            _failurePrefix = "connection to " + host + ":" + EgressGate.AgencyPort.ToString() + " failed: ";
        }

        /// <summary>The host name dialled, checked against the server certificate and sent as Host.</summary>
        public string Host { get; private set; }

        /// <summary>
        /// Opens an authenticated stream to the agency host. On Ok the caller owns the stream;
        /// otherwise it is null and the status says why (see <see cref="TransportStatus"/>).
        /// </summary>
        public TransportStatus Connect(int timeoutMs, out Stream stream)
        {
            TransportStatus status = _connector.Connect(Host, EgressGate.AgencyPort, timeoutMs, out stream);
            if (status != TransportStatus.Ok || stream == null)
            {
                stream = null;
                status = status == TransportStatus.Ok ? TransportStatus.ConnectFailed : status;
                _log.Write(LogLevel.Warning, "upload", _failurePrefix + status.ToString());
            }

            return status;
        }
    }
}
