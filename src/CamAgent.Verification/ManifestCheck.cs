using CamAgent.Core.Evidence;

namespace CamAgent.Verification;

/// <summary>
/// The outcome of authenticating one record's COSE_Sign1 bytes. <see cref="Problem"/> is null
/// when the record is authentic: well-formed, signed by a device certificate of the agency whose
/// CN is the manifest's device id, and the manifest follows the format rules.
/// </summary>
public sealed class ManifestCheck
{
    public ManifestCheck(byte[] recordDigest, Manifest? manifest, CertificateCheck? certificate, FindingKind? problem, string message)
    {
        RecordDigest = recordDigest;
        Manifest = manifest;
        Certificate = certificate;
        Problem = problem;
        Message = message;
    }

    /// <summary>SHA-256 of the complete record bytes (what the next record links to).</summary>
    public byte[] RecordDigest { get; }

    /// <summary>The decoded manifest; present only when authentic.</summary>
    public Manifest? Manifest { get; }

    public CertificateCheck? Certificate { get; }

    public FindingKind? Problem { get; }

    /// <summary>Why the record was refused, or a short confirmation.</summary>
    public string Message { get; }

    public bool IsAuthentic => Problem is null;
}
