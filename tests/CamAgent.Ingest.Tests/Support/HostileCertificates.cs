using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>Certificates an outsider can make for himself, generated at test time.</summary>
public static class HostileCertificates
{
    /// <summary>A self-signed client certificate whose subject CN is <paramref name="commonNameChars"/> characters long (it appears twice: subject and issuer).</summary>
    public static X509Certificate2 SelfSignedWithLongName(int commonNameChars, char fill = 'A')
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(new string(fill, commonNameChars));
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
