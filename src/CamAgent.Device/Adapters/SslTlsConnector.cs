using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// <see cref="ITlsConnector"/> over a nanoFramework Socket and SslStream (mbedTLS).
    /// The server must chain to the pinned agency CA (passed as the only trust anchor, never a
    /// device store) and match the host name; <see cref="SslVerification.CertificateRequired"/>
    /// is set explicitly so a firmware default can never weaken it; TLS 1.2 and 1.3 only.
    /// The client presents either the certificate and key from the configuration (software
    /// signer) or, with a secure element, the certificate stored in the device's configuration
    /// block (mbedTLS on nanoFramework cannot sign a handshake inside the secure element).
    /// The stream returned is a <see cref="TransportStream"/>: failures after the handshake
    /// reach Core as TransportException. Core reaches this only through EgressGate, which fixes
    /// host and port.
    /// </summary>
    public sealed class SslTlsConnector : ITlsConnector
    {
        private const string Component = "tls";

        private readonly X509Certificate _agencyCa;
        private readonly X509Certificate _clientCertificate;
        private readonly INetworkLink _link;
        private readonly ILogSink _log;
        private readonly IPAddress _agencyAddress;

        /// <param name="agencyCa">The pinned agency CA (DER from the configuration).</param>
        /// <param name="clientCertificate">Device certificate with its private key, or null to use the certificate stored in the device.</param>
        /// <param name="agencyAddress">The configuration's agency.address (validated IPv4), or null to resolve the host: with it the device sends no DNS.</param>
        public SslTlsConnector(X509Certificate agencyCa, X509Certificate clientCertificate, string agencyAddress, INetworkLink link, ILogSink log)
        {
            if (agencyCa == null)
            {
                throw new ArgumentNullException("agencyCa");
            }

            if (link == null)
            {
                throw new ArgumentNullException("link");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _agencyCa = agencyCa;
            _clientCertificate = clientCertificate;
            _link = link;
            _log = log;
            _agencyAddress = agencyAddress == null ? null : IPAddress.Parse(agencyAddress);
        }

        public TransportStatus Connect(string host, int port, int timeoutMs, out Stream stream)
        {
            stream = null;
            if (host == null)
            {
                throw new ArgumentNullException("host");
            }

            if (timeoutMs <= 0)
            {
                throw new ArgumentOutOfRangeException("timeoutMs");
            }

            if (!_link.IsUp)
            {
                return TransportStatus.NoNetwork;
            }

            // EgressGate passes only the agency host here, so the configured address is that host's.
            IPAddress address = _agencyAddress;
            TransportStatus status = address != null ? TransportStatus.Ok : Resolve(host, out address);
            if (status != TransportStatus.Ok)
            {
                return status;
            }

            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            status = Open(socket, new IPEndPoint(address, port), timeoutMs);
            if (status != TransportStatus.Ok)
            {
                socket.Close();
                return status;
            }

            SslStream tls = new SslStream(socket);
            status = Authenticate(tls, host);
            if (status != TransportStatus.Ok)
            {
                // Frees the native TLS context before the socket under it.
                tls.Dispose();
                socket.Close();
                return status;
            }

            stream = new TransportStream(tls, socket);
            return TransportStatus.Ok;
        }

        private TransportStatus Resolve(string host, out IPAddress address)
        {
            address = null;
            try
            {
                IPHostEntry entry = Dns.GetHostEntry(host);
                if (entry == null || entry.AddressList == null || entry.AddressList.Length == 0)
                {
                    return TransportStatus.NameNotResolved;
                }

                address = entry.AddressList[0];
                return TransportStatus.Ok;
            }
            catch (SocketException e)
            {
                _log.Write(LogLevel.Warning, Component, "name lookup failed: socket error " + e.ErrorCode.ToString());
                return TransportStatus.NameNotResolved;
            }
        }

        private TransportStatus Open(Socket socket, IPEndPoint endpoint, int timeoutMs)
        {
            try
            {
                // Bounds every later send and receive, the TLS handshake included; nanoFramework
                // has no connect timeout, so a connect is bounded by the IP stack's own limit.
                socket.SendTimeout = timeoutMs;
                socket.ReceiveTimeout = timeoutMs;
                socket.Connect(endpoint);
                return TransportStatus.Ok;
            }
            catch (SocketException e)
            {
                _log.Write(LogLevel.Warning, Component, "connect failed: socket error " + e.ErrorCode.ToString());
                return SocketErrors.ToTransportStatus(e.ErrorCode);
            }
        }

        private TransportStatus Authenticate(SslStream tls, string host)
        {
            try
            {
                tls.SslVerification = SslVerification.CertificateRequired;
                tls.UseStoredDeviceCertificate = _clientCertificate == null;
                tls.AuthenticateAsClient(host, _clientCertificate, _agencyCa, SslProtocols.Tls12 | SslProtocols.Tls13);
                return TransportStatus.Ok;
            }
            catch (SocketException e)
            {
                _log.Write(LogLevel.Warning, Component, "handshake failed: socket error " + e.ErrorCode.ToString());
                return SocketErrors.ToTransportStatus(e.ErrorCode);
            }
            catch (Exception e)
            {
                // mbedTLS reports certificate and protocol failures alike as one exception type
                // without a stable code, so they cannot be told apart here.
                _log.Write(LogLevel.Warning, Component, "handshake failed: " + e.Message);
                return TransportStatus.HandshakeFailed;
            }
        }
    }
}
