using System.Net.Security;

namespace CamAgent.Ingest.Tls;

/// <summary>
/// The cipher suites a connection may use: AEAD with forward secrecy only (TLS 1.3 AES-GCM and
/// ChaCha20-Poly1305; TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305). The rule is applied
/// twice, neither time through <see cref="SslServerAuthenticationOptions.CipherSuitesPolicy"/>,
/// which would make .NET build a new OpenSSL context for every connection (and give up TLS
/// session resumption): a ClientHello that offers none of these suites is answered with a
/// handshake_failure alert (<see cref="Connections.HandshakeInspector"/>), and a handshake that
/// negotiated anything else is closed before any request is read. Between the two the server's
/// own preference order (.NET always sets server preference, and both OpenSSL's DEFAULT list
/// and .NET's own list rank AEAD suites with forward secrecy first) picks an allowed suite
/// whenever the client offers one.
/// </summary>
public static class CipherSuiteRule
{
    /// <summary>The code recorded for a refused connection (docs/ingest-server.md §3.1).</summary>
    public const string RefusalCode = "cipher-suite-refused";

    private static readonly HashSet<TlsCipherSuite> Allowed = new()
    {
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    };

    /// <summary>Whether <paramref name="suite"/> (its IANA number) may carry a connection.</summary>
    public static bool Allows(TlsCipherSuite suite) => Allowed.Contains(suite);

    /// <summary>Whether the negotiated suite may carry a connection; false when none is known.</summary>
    public static bool Allows(TlsCipherSuite? negotiated) => negotiated is { } suite && Allows(suite);
}
