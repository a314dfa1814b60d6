namespace CamAgent.Ingest.Tus;

/// <summary>Status codes the protocol uses beyond RFC 9110's registry (docs/upload-protocol.md).</summary>
public static class TusStatus
{
    /// <summary>tus 1.0.0 checksum extension's "460 Checksum Mismatch", reused for a content digest that does not match the manifest.</summary>
    public const int ContentDigestMismatch = 460;
}
