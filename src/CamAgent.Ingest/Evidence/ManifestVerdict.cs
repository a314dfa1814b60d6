namespace CamAgent.Ingest.Evidence;

/// <summary>Outcome of reading a manifest; each refusal maps to one CamAgent-Error code.</summary>
public enum ManifestVerdict
{
    /// <summary>Well formed and the signature verifies with the carried certificate's key.</summary>
    Valid,

    /// <summary>Not a decodable COSE_Sign1 manifest of a supported version.</summary>
    Malformed,

    /// <summary>Decoded, but the signature does not verify.</summary>
    SignatureInvalid,

    /// <summary>The certificate in x5chain is not a device certificate of this agency (or was not valid at the recorded time).</summary>
    CertificateInvalid,

    /// <summary>The manifest's device id is not its certificate's CN.</summary>
    IdentityMismatch,
}
