namespace CamAgent.Cli.Egress;

/// <summary>What <see cref="TlsClientHello.Read"/> found in the first bytes a client sent.</summary>
public enum HelloStatus
{
    /// <summary>The bytes so far are a valid prefix of a ClientHello record: wait for more.</summary>
    Incomplete,

    /// <summary>A complete ClientHello with a host_name server name.</summary>
    ServerName,

    /// <summary>A complete ClientHello without a server_name extension.</summary>
    NoServerName,

    /// <summary>The stream does not start with a TLS handshake record.</summary>
    NotTls,

    /// <summary>A TLS handshake record that is not a well-formed ClientHello.</summary>
    Malformed,
}
