namespace CamAgent.Ingest.Tls;

/// <summary>Result of a revocation lookup.</summary>
public enum RevocationStatus
{
    NotRevoked,
    Revoked,

    /// <summary>The list exists but cannot be read or parsed: the server fails closed (503).</summary>
    ListUnusable,
}
