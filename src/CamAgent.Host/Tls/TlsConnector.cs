using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Platform;

namespace CamAgent.Host.Tls;

/// <summary>
/// <see cref="ITlsConnector"/> over .NET <see cref="SslStream"/>: TLS 1.2/1.3 only, the server
/// certificate must chain to the pinned agency CA alone (custom root trust, never the OS store), be
/// valid for serverAuth and match the host name; the device certificate is presented. Platform
/// exceptions become <see cref="TransportStatus"/> values here and, on the returned stream,
/// <see cref="TransportException"/>s.
/// </summary>
public sealed class TlsConnector : ITlsConnector
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private readonly X509Certificate2 _agencyCa;
    private readonly X509Certificate2 _clientCertificate;
    private readonly ILogSink _log;
    private readonly TlsConnectorOptions _options;

    /// <param name="agencyCa">The only trust anchor for server certificates.</param>
    /// <param name="clientCertificate">The device certificate with its private key.</param>
    public TlsConnector(X509Certificate2 agencyCa, X509Certificate2 clientCertificate, ILogSink log, TlsConnectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(agencyCa);
        ArgumentNullException.ThrowIfNull(clientCertificate);
        ArgumentNullException.ThrowIfNull(log);
        if (!clientCertificate.HasPrivateKey)
        {
            throw new ArgumentException("the client certificate needs its private key", nameof(clientCertificate));
        }

        _agencyCa = agencyCa;
        _clientCertificate = clientCertificate;
        _log = log;
        _options = options ?? new TlsConnectorOptions();
    }

    public TransportStatus Connect(string host, int port, int timeoutMs, out Stream stream)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeoutMs);
        stream = null!;
        TransportStatus status = OpenSocket(host, port, timeoutMs, out Socket? socket);
        if (status != TransportStatus.Ok)
        {
            return status;
        }

        var network = new NetworkStream(socket!, ownsSocket: true);
        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        status = Authenticate(ssl, network, host);
        if (status != TransportStatus.Ok)
        {
            ssl.Dispose();
            return status;
        }

        network.ReadTimeout = _options.ReadWriteTimeoutMs;
        network.WriteTimeout = _options.ReadWriteTimeoutMs;
        stream = new TransportStream(ssl);
        return TransportStatus.Ok;
    }

    private TransportStatus OpenSocket(string host, int port, int timeoutMs, out Socket? socket)
    {
        socket = null;
        IPEndPoint[] candidates;
        if (_options.TestOnlyDialOverride is { } dial)
        {
            _log.Write(LogLevel.Warning, "tls", $"TEST-ONLY dial override: {host}:{port} is dialled at {dial}");
            candidates = [dial];
        }
        else if (_options.AgencyAddress is { } configured)
        {
            candidates = [new IPEndPoint(configured, port)];
        }
        else
        {
            TransportStatus resolved = Resolve(host, port, out candidates);
            if (resolved != TransportStatus.Ok)
            {
                return resolved;
            }
        }

        TransportStatus last = TransportStatus.ConnectFailed;
        foreach (IPEndPoint endPoint in candidates)
        {
            var candidate = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            last = ConnectSocket(candidate, endPoint, timeoutMs);
            if (last == TransportStatus.Ok)
            {
                socket = candidate;
                return last;
            }

            candidate.Dispose();
        }

        return last;
    }

    private static TransportStatus Resolve(string host, int port, out IPEndPoint[] endPoints)
    {
        endPoints = [];
        try
        {
            endPoints = Array.ConvertAll(Dns.GetHostAddresses(host), a => new IPEndPoint(a, port));
            return endPoints.Length == 0 ? TransportStatus.NameNotResolved : TransportStatus.Ok;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain
                ? TransportStatus.NameNotResolved
                : TransportStatus.NoNetwork;
        }
    }

    private static TransportStatus ConnectSocket(Socket socket, IPEndPoint endPoint, int timeoutMs)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        try
        {
            socket.ConnectAsync(endPoint, timeout.Token).AsTask().GetAwaiter().GetResult();
            return TransportStatus.Ok;
        }
        catch (OperationCanceledException)
        {
            return TransportStatus.Timeout;
        }
        catch (SocketException e)
        {
            return TransportErrors.FromSocket(e.SocketErrorCode);
        }
    }

    private TransportStatus Authenticate(SslStream ssl, NetworkStream network, string host)
    {
        var verdict = new ServerCertificateVerdict();
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = _options.Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ClientCertificateContext = SslStreamCertificateContext.Create(_clientCertificate, additionalCertificates: null, offline: true),
            CertificateChainPolicy = BuildChainPolicy(),
            RemoteCertificateValidationCallback = verdict.Validate,
        };
        network.ReadTimeout = _options.HandshakeTimeoutMs;
        network.WriteTimeout = _options.HandshakeTimeoutMs;
        try
        {
            ssl.AuthenticateAsClient(options);
            return TransportStatus.Ok;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            TransportStatus status = verdict.Rejected
                ? (verdict.OutsideValidity ? TransportStatus.ServerCertificateNotValidNow : TransportStatus.ServerCertificateRejected)
                : TransportErrors.FromTlsFailure(e);
            _log.Write(LogLevel.Warning, "tls", $"handshake with {host} failed: {status} ({verdict.Reason ?? e.GetBaseException().Message})");
            return status;
        }
    }

    private X509ChainPolicy BuildChainPolicy()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.Add(_agencyCa);
        policy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ServerAuthOid));
        return policy;
    }

    /// <summary>Records why the server certificate was refused; accepts only when .NET found no error at all.</summary>
    private sealed class ServerCertificateVerdict
    {
        public bool Rejected { get; private set; }

        public string? Reason { get; private set; }

        /// <summary>True when the only fault is the validity period (NotTimeValid): expired, not yet valid, or a wrong clock.</summary>
        public bool OutsideValidity { get; private set; }

        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            Rejected = true;
            OutsideValidity = errors == SslPolicyErrors.RemoteCertificateChainErrors && chain is not null
                && chain.ChainStatus.Length > 0 && Array.TrueForAll(chain.ChainStatus, s => s.Status == X509ChainStatusFlags.NotTimeValid);
            Reason = OutsideValidity
                ? $"server certificate outside its validity period by this clock ({certificate?.GetEffectiveDateString()} to {certificate?.GetExpirationDateString()}): expired, not yet valid, or the clock is wrong"
                : $"server certificate refused: {errors}";
            return false;
        }
    }
}
