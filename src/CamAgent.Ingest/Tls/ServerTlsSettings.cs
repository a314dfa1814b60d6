using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Connections;

namespace CamAgent.Ingest.Tls;

/// <summary>
/// The TLS settings of every connection: TLS 1.2 or 1.3 only, the server certificate with its
/// chain, and a client certificate that is REQUIRED and judged by <see cref="DeviceCertificatePolicy"/>.
/// The cipher suites are held to <see cref="CipherSuiteRule"/> around the handshake, not here:
/// the same options for every connection let .NET keep one OpenSSL context for all of them.
/// Sessions are never resumed: in TLS 1.3 OpenSSL issues its tickets before .NET judges the
/// client's certificate, so a refused client would hold one, and every connection is to
/// present its certificate anyway. A refused certificate ends the handshake and
/// is counted for its source in the <see cref="RefusalLedger"/>, which writes the audit lines.
/// (In TLS 1.2 the <see cref="HandshakeInspector"/> usually refuses it first, with an alert.)
/// </summary>
public sealed class ServerTlsSettings
{
    private readonly SslStreamCertificateContext _serverCertificate;
    private readonly DeviceCertificatePolicy _policy;
    private readonly RefusalLedger _ledger;

    public ServerTlsSettings(SslStreamCertificateContext serverCertificate, DeviceCertificatePolicy policy, RefusalLedger ledger)
    {
        _serverCertificate = serverCertificate;
        _policy = policy;
        _ledger = ledger;
    }

    /// <summary>Options for one connection from <paramref name="remote"/> (captured for the refusal count).</summary>
    public SslServerAuthenticationOptions ForConnection(EndPoint? remote)
    {
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _serverCertificate,
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            AllowRenegotiation = false,
            AllowTlsResume = false,
            CertificateChainPolicy = _policy.ChainPolicy(),
            RemoteCertificateValidationCallback = (_, certificate, chain, _) => Judge(certificate, chain, remote),
        };
    }

    // The platform's summary verdict is not used: the policy judges the chain TLS built under
    // its own chain policy (the device CA chain as the only trust, never the OS store), element
    // by element, and decides expiry, usage and device id itself.
    private bool Judge(X509Certificate? certificate, X509Chain? chain, EndPoint? remote)
    {
        using X509Certificate2? device = certificate is null ? null : new X509Certificate2(certificate);
        CertificateVerdict verdict = _policy.Check(device, chain);
        if (verdict == CertificateVerdict.Accepted)
        {
            return true;
        }

        _ledger.Refused(SourceAddress.Of(remote), CertificateErrorCodes.For(verdict), device);
        return false;
    }
}
