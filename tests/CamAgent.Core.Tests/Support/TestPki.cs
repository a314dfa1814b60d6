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

    /// <summary>
    /// Creates a root CA; with <paramref name="withDeviceCa"/>, also a device-issuing CA under it
    /// (the agency layout: root → device CA → devices) that issues the device certificates.
    /// </summary>
    public TestPki(string caName = "CamAgent Test Agency CA", bool withDeviceCa = false)
    {
        CaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={caName}", CaKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        CaCertificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        if (withDeviceCa)
        {
            DeviceCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var deviceCa = new CertificateRequest($"CN={caName} Devices", DeviceCaKey, HashAlgorithmName.SHA256);
            deviceCa.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            deviceCa.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            deviceCa.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(deviceCa.PublicKey, false));
            using X509Certificate2 issued = deviceCa.Create(CaCertificate, now.AddDays(-1), now.AddYears(4), RandomNumberGenerator.GetBytes(8));
            DeviceCaCertificate = issued.CopyWithPrivateKey(DeviceCaKey);
        }
    }

    public ECDsa CaKey { get; }

    public X509Certificate2 CaCertificate { get; }

    public ECDsa? DeviceCaKey { get; }

    public X509Certificate2? DeviceCaCertificate { get; }

    /// <summary>The certificates a verifier is given: the root, and the device CA when there is one.</summary>
    public X509Certificate2[] AgencyCertificates => DeviceCaCertificate is null ? new[] { CaCertificate } : new[] { CaCertificate, DeviceCaCertificate };

    /// <summary>PEM of <see cref="AgencyCertificates"/>, as `camagent verify --ca` reads it.</summary>
    public string CaPem => string.Join("\n", AgencyCertificates.Select(c => c.ExportCertificatePem())) + "\n";

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
        using X509Certificate2 certificate = request.Create(DeviceCaCertificate ?? CaCertificate, notBefore ?? now.AddDays(-1), notAfter ?? now.AddYears(2), serial);
        return certificate.RawData;
    }

    /// <summary>Issues a signing-only certificate, with the extended key usage <paramref name="ekuOid"/> when given; returns its DER.</summary>
    public byte[] IssueSigner(string commonName, ECDsa key, string? ekuOid = null)
    {
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (ekuOid is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(ekuOid) }, false));
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using X509Certificate2 certificate = request.Create(CaCertificate, now.AddDays(-1), now.AddYears(2), serial);
        return certificate.RawData;
    }

    public void Dispose()
    {
        DeviceCaCertificate?.Dispose();
        DeviceCaKey?.Dispose();
        CaCertificate.Dispose();
        CaKey.Dispose();
    }
}
