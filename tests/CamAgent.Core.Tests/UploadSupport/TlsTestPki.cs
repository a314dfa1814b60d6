using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Core.Tests.UploadSupport;

/// <summary>TLS certificates generated at test time (P-256), with private keys usable by SslStream: an agency CA, server and device certificates.</summary>
public static class TlsTestPki
{
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return Reload(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5)));
    }

    public static X509Certificate2 IssueServer(X509Certificate2 ca, string dnsName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        return Issue(ca, $"CN={dnsName}", ServerAuthOid, san.Build(), notBefore, notAfter);
    }

    public static X509Certificate2 IssueDevice(X509Certificate2 ca, string deviceId, string eku = ClientAuthOid)
    {
        return Issue(ca, $"CN={deviceId}", eku, null);
    }

    /// <summary>The CA certificate without its private key, as a device or server would pin it.</summary>
    public static X509Certificate2 PublicOnly(X509Certificate2 certificate)
    {
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, string eku, X509Extension? san, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(eku)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single()));
        if (san != null)
        {
            request.CertificateExtensions.Add(san);
        }

        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 issued = request.Create(ca, notBefore ?? now.AddDays(-1), notAfter ?? now.AddYears(1), serial);
        return Reload(issued.CopyWithPrivateKey(key));
    }

    // SslStream on Linux wants a key it can hand to OpenSSL: round-trip through PKCS#12 in memory.
    private static X509Certificate2 Reload(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
