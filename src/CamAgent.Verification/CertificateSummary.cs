using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Verification;

/// <summary>A device certificate as the reports show it: who, which, by whom, when, and its SHA-256 fingerprint.</summary>
public sealed record CertificateSummary(string Subject, string Serial, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Sha256)
{
    public static CertificateSummary Of(X509Certificate2 certificate) => new(
        certificate.Subject,
        certificate.SerialNumber,
        certificate.Issuer,
        certificate.NotBefore.ToUniversalTime(),
        certificate.NotAfter.ToUniversalTime(),
        Convert.ToHexString(SHA256.HashData(certificate.RawData)));

    /// <summary>The one-line form of the text and JSON reports.</summary>
    public override string ToString() =>
        $"{Subject}, serial {Serial}, issued by {Issuer}, valid {NotBefore.UtcDateTime:u} to {NotAfter.UtcDateTime:u}, SHA-256 {Sha256}";
}
