using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CamAgent.Core.Tests.Support;

/// <summary>
/// An agency CA, a device certificate and key, and a receipt key, generated at test time
/// (never committed), plus the valid configuration text built from them.
/// </summary>
public sealed class TestCredentials
{
    public const string DeviceId = "cam-0042";
    public const string Host = "ingest.agency.example";

    public TestCredentials()
    {
        using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Test Agency CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        AgencyCaDer = ca.RawData;

        DeviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DeviceCertificateDer = IssueDevice(ca, DeviceId, DeviceKey);

        ReceiptKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ReceiptPublicKey = Point(ReceiptKey);
    }

    public byte[] AgencyCaDer { get; }

    public byte[] DeviceCertificateDer { get; }

    public ECDsa DeviceKey { get; }

    public ECDsa ReceiptKey { get; }

    public byte[] ReceiptPublicKey { get; }

    public byte[] DevicePrivateScalar => DeviceKey.ExportParameters(true).D!;

    public static byte[] Point(ECDsa key)
    {
        ECParameters p = key.ExportParameters(false);
        return [0x04, .. p.Q.X!, .. p.Q.Y!];
    }

    public static byte[] IssueDevice(X509Certificate2 ca, string commonName, ECDsa key, bool isCa = false)
    {
        var request = new CertificateRequest("CN=" + commonName + ", O=Test Agency", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using X509Certificate2 cert = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2), serial);
        return cert.RawData;
    }

    /// <summary>The valid configuration as ordered key/value pairs; tests edit the list then render it.</summary>
    public List<KeyValuePair<string, string>> Fields(long serial = 1) =>
    [
        new("config.version", "1"),
        new("config.serial", serial.ToString()),
        new("device.id", DeviceId),
        new("agency.host", Host),
        new("agency.ca", Convert.ToBase64String(AgencyCaDer)),
        new("device.certificate", Convert.ToBase64String(DeviceCertificateDer)),
        new("device.signer", "software"),
        new("device.key", Convert.ToBase64String(DevicePrivateScalar)),
        new("receipt.key", Convert.ToBase64String(ReceiptPublicKey)),
        new("wifi.ssid", "Agency Fleet"),
        new("wifi.password", "correct horse battery"),
        new("upload.chunk_size_bytes", "16384"),
    ];

    public static byte[] Render(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var text = new StringBuilder("# CamAgent device configuration\n");
        foreach (KeyValuePair<string, string> field in fields)
        {
            text.Append(field.Key).Append(" = ").Append(field.Value).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    public byte[] ValidText(long serial = 1) => Render(Fields(serial));
}
