namespace CamAgent.Ingest.Tls;

/// <summary>Whether a device certificate is revoked, asked on every request (docs/ingest-server.md §3.2).</summary>
public interface IRevocationCheck
{
    /// <summary>Status of the certificate with serial <paramref name="serialHex"/>; ListUnusable fails closed.</summary>
    RevocationStatus Check(string serialHex);
}
