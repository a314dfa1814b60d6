namespace CamAgent.Ingest.Evidence;

/// <summary>
/// The evidence formats the server relies on (docs/evidence-format.md): reading a signed
/// manifest, recomputing a content digest as bytes arrive, and issuing a signed receipt.
/// The server's protocol and storage logic depend only on this seam, so the format code lives
/// in one place (CamAgent.Core) and is never re-implemented here.
/// </summary>
public interface IEvidenceFormat
{
    /// <summary>
    /// Decodes a manifest (COSE_Sign1) and verifies its signature with the key of the certificate
    /// it carries. Returns <see cref="ManifestVerdict.Valid"/> and the facts, or the reason it is
    /// refused (then <paramref name="facts"/> is null). Never throws on hostile input.
    /// </summary>
    ManifestVerdict ReadManifest(byte[] coseSign1, out ManifestFacts? facts);

    /// <summary>Starts an incremental content digest for content sealed with chunks of <paramref name="chunkSizeBytes"/>.</summary>
    IContentDigestAccumulator StartContentDigest(int chunkSizeBytes);

    /// <summary>Encodes and signs a receipt with the server's receipt key; returns the COSE_Sign1 bytes.</summary>
    byte[] IssueReceipt(ReceiptFacts facts);
}
