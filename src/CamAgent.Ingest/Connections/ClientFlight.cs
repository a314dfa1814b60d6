namespace CamAgent.Ingest.Connections;

/// <summary>What <see cref="ClientFlightParser"/> has established about a connection's first bytes.</summary>
internal enum ClientFlight
{
    /// <summary>Nothing decided yet: more bytes are needed.</summary>
    NeedMore,

    /// <summary>No TLS 1.2 Certificate message can be seen (TLS 1.3, resumption, malformed or oversized data): the TLS stack decides alone.</summary>
    NotInspected,

    /// <summary>A TLS 1.2 Certificate message with an empty list: the client sent no certificate.</summary>
    NoCertificate,

    /// <summary>A TLS 1.2 Certificate message; its first certificate is at hand.</summary>
    Certificate,

    /// <summary>A ClientHello that offers no cipher suite <see cref="Tls.CipherSuiteRule"/> allows.</summary>
    NoAllowedCipherSuite,
}
