using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CamAgent.Cli.Tests;

/// <summary>A throw-away agency CA, device credentials, receipt key and an impostor's certificate, generated at test time.</summary>
public sealed class SimCredentials : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _receiptKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public SimCredentials(string agencyHost, string deviceId = "cam-0007")
    {
        using X509Certificate2 ca = CreateCa("Agency CA", _caKey);
        var request = new CertificateRequest($"CN={deviceId}", _deviceKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using X509Certificate2 device = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), [1, 2, 3, 4]);

        using ECDsa impostorCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 impostorCa = CreateCa("Agency CA", impostorCaKey);
        using ECDsa impostorKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var impostor = new CertificateRequest($"CN={agencyHost}", impostorKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(agencyHost);
        impostor.CertificateExtensions.Add(san.Build());
        impostor.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 issued = impostor.Create(impostorCa, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), [5, 6, 7, 8]);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(impostorKey);
        ImpostorCertificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);

        ECParameters receipt = _receiptKey.ExportParameters(false);
        var text = new StringBuilder();
        text.Append("config.version = 1\nconfig.serial = 1\n");
        text.Append($"device.id = {deviceId}\nagency.host = {agencyHost}\n");
        text.Append($"agency.ca = {Convert.ToBase64String(ca.RawData)}\n");
        text.Append($"device.certificate = {Convert.ToBase64String(device.RawData)}\n");
        text.Append("device.signer = software\n");
        text.Append($"device.key = {Convert.ToBase64String(_deviceKey.ExportParameters(true).D!)}\n");
        text.Append($"receipt.key = {Convert.ToBase64String([0x04, .. receipt.Q.X!, .. receipt.Q.Y!])}\n");
        text.Append("wifi.ssid = Test Fleet\nwifi.password = correct horse battery\n");
        ConfigText = text.ToString();
    }

    /// <summary>The device configuration (holds the device key: write it 0600).</summary>
    public string ConfigText { get; }

    /// <summary>A certificate for the agency's host name from a CA the device does not trust.</summary>
    public X509Certificate2 ImpostorCertificate { get; }

    private static X509Certificate2 CreateCa(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
    }

    public void Dispose()
    {
        ImpostorCertificate.Dispose();
        _caKey.Dispose();
        _deviceKey.Dispose();
        _receiptKey.Dispose();
    }
}
