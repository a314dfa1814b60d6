using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest.Connections;

/// <summary>
/// Judges the client certificate of a TLS 1.2 handshake as soon as its Certificate message has
/// arrived, before the TLS stack reads it, so that a refused certificate is answered with a TLS
/// alert (docs/ingest-server.md §3.1): .NET's SslStream on Linux checks the certificate only
/// once the handshake is complete and then closes without one. The same
/// <see cref="DeviceCertificatePolicy"/> decides as in the handshake's own validation, which
/// still runs for every certificate let through. TLS 1.3 sends the certificate encrypted: it is
/// left to the TLS stack. It also refuses, in either version, a ClientHello that offers no cipher
/// suite <see cref="CipherSuiteRule"/> allows.
/// </summary>
public sealed class HandshakeInspector
{
    private readonly DeviceCertificatePolicy _policy;
    private readonly RefusalLedger _ledger;

    public HandshakeInspector(DeviceCertificatePolicy policy, RefusalLedger ledger)
    {
        _policy = policy;
        _ledger = ledger;
    }

    /// <summary>
    /// Decides on a finished client flight from <paramref name="source"/>: null to let the
    /// connection go on, or the alert record to send before closing it (the refusal is recorded).
    /// </summary>
    internal byte[]? Decide(ClientFlightParser flight, IPAddress source)
    {
        if (flight.State == ClientFlight.NoAllowedCipherSuite)
        {
            // What OpenSSL answers when it shares no suite with the client.
            _ledger.Refused(source, CipherSuiteRule.RefusalCode, null);
            return TlsAlert.Record(TlsAlert.HandshakeFailure);
        }

        if (flight.State == ClientFlight.NoCertificate)
        {
            return Refuse(source, CertificateVerdict.Missing, null);
        }

        if (flight.State != ClientFlight.Certificate)
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(flight.LeafCertificate!);
        }
        catch (CryptographicException)
        {
            // Not a certificate .NET can read: the TLS stack refuses it on its own terms.
            return null;
        }

        using (certificate)
        {
            CertificateVerdict verdict = _policy.Check(certificate);
            return verdict == CertificateVerdict.Accepted ? null : Refuse(source, verdict, certificate);
        }
    }

    /// <summary>
    /// Whether a completed handshake from <paramref name="source"/> may go on with the suite it
    /// negotiated (<see cref="CipherSuiteRule"/>); a refusal is recorded. Only a server whose
    /// OpenSSL configuration ranks other suites first can get here with one.
    /// </summary>
    internal bool Accepts(TlsCipherSuite? negotiated, IPAddress source)
    {
        if (CipherSuiteRule.Allows(negotiated))
        {
            return true;
        }

        _ledger.Refused(source, CipherSuiteRule.RefusalCode, null);
        return false;
    }

    private byte[] Refuse(IPAddress source, CertificateVerdict verdict, X509Certificate2? certificate)
    {
        _ledger.Refused(source, CertificateErrorCodes.For(verdict), certificate);
        return TlsAlert.Record(TlsAlert.DescriptionFor(verdict));
    }
}
