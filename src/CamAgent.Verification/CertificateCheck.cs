using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Verification;

/// <summary>
/// The outcome of validating a signer certificate chain against the agency CA. When
/// <see cref="Problem"/> is null the chain is good apart from time, which the caller checks
/// against the signing time with <see cref="IsValidAt"/>.
/// </summary>
public sealed class CertificateCheck
{
    public CertificateCheck(X509Certificate2? certificate, ECDsa? publicKey, string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter, string? problem)
    {
        Certificate = certificate;
        PublicKey = publicKey;
        CommonName = commonName;
        NotBefore = notBefore;
        NotAfter = notAfter;
        Problem = problem;
    }

    public X509Certificate2? Certificate { get; }

    public ECDsa? PublicKey { get; }

    /// <summary>The subject CN (the device id for device certificates).</summary>
    public string CommonName { get; }

    /// <summary>Latest NotBefore over the chain: before it some certificate was not yet valid.</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>Earliest NotAfter over the chain: after it some certificate had expired.</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>Why the chain is refused, or null.</summary>
    public string? Problem { get; }

    public bool IsValidAt(DateTimeOffset time) => time >= NotBefore && time <= NotAfter;
}
