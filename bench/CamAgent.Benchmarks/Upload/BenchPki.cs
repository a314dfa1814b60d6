using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Benchmarks.Upload;

/// <summary>Certificates generated for one benchmark run (P-256): CA, server "ingest.test", device.</summary>
internal sealed class BenchPki
{
    public const string HostName = "ingest.test";

    public BenchPki()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Bench Agency CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(2));
        Ca = X509CertificateLoader.LoadCertificate(ca.RawData);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(HostName);
        Server = Issue(ca, "CN=" + HostName, "1.3.6.1.5.5.7.3.1", san.Build(), out _);
        Device = Issue(ca, "CN=bench-cam", "1.3.6.1.5.5.7.3.2", null, out ECDsa deviceKey);
        DeviceKey = deviceKey;
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Device { get; }

    public ECDsa DeviceKey { get; }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, string eku, X509Extension? san, out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(eku)], false));
        if (san != null)
        {
            request.CertificateExtensions.Add(san);
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 issued = request.Create(ca, now.AddDays(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
