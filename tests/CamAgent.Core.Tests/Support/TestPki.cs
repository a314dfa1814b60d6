using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Tests.Support;

/// <summary>
/// An agency CA and device certificates generated at test time (never stored in the repository).
/// Device certificates carry the device id as subject CN and EKU clientAuth, like the CLI issues them.
/// </summary>
public sealed class TestPki : IDisposable
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    public TestPki(string caName = "CamAgent Test Agency CA")
    {
        CaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={caName}", CaKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        CaCertificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }

    public ECDsa CaKey { get; }

    public X509Certificate2 CaCertificate { get; }

    public string CaPem => CaCertificate.ExportCertificatePem();

    /// <summary>Issues a device certificate for <paramref name="deviceId"/> over <paramref name="deviceKey"/>; returns its DER.</summary>
    public byte[] IssueDevice(string deviceId, ECDsa deviceKey, string ekuOid = ClientAuthOid, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var request = new CertificateRequest($"CN={deviceId}", deviceKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(ekuOid) }, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using X509Certificate2 certificate = request.Create(CaCertificate, notBefore ?? now.AddDays(-1), notAfter ?? now.AddYears(2), serial);
        return certificate.RawData;
    }

    public void Dispose()
    {
        CaCertificate.Dispose();
        CaKey.Dispose();
    }
}
