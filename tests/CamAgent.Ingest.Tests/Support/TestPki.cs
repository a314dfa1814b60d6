using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// An agency PKI generated for one test run (nothing is committed): root CA → device CA →
/// device certificates; root → server TLS certificate (SAN 127.0.0.1, ingest.test) and receipt
/// signing certificate. Mirrors the shape `camagent pki init` produces.
/// </summary>
public sealed class TestPki
{
    public const string ServerName = "ingest.test";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    public TestPki(string agency = "Test Agency")
    {
        RootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Root = CreateCa($"CN={agency} Root CA", RootKey, null, null, pathLength: 1);
        DeviceCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DeviceCa = CreateCa($"CN={agency} Device CA", DeviceCaKey, Root, RootKey, pathLength: 0);
        ServerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Server = IssueLeaf("CN=" + ServerName, ServerKey, Root, RootKey, ServerAuth, san: true);
        ReceiptKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Receipt = IssueLeaf("CN=Test Receipt Signer", ReceiptKey, Root, RootKey, Verification.ReceiptSigningUsage.Oid, san: false);
    }

    public ECDsa RootKey { get; }
    public X509Certificate2 Root { get; }
    public ECDsa DeviceCaKey { get; }
    public X509Certificate2 DeviceCa { get; }
    public ECDsa ServerKey { get; }
    public X509Certificate2 Server { get; }
    public ECDsa ReceiptKey { get; }
    public X509Certificate2 Receipt { get; }

    /// <summary>A device certificate (with its private key) issued by the device CA.</summary>
    public X509Certificate2 IssueDevice(string deviceId, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, string? eku = ClientAuth)
    {
        return IssueDeviceBy(deviceId, DeviceCa, DeviceCaKey, notBefore, notAfter, eku);
    }

    /// <summary>A device-like certificate issued by any CA (for "other CA" tests).</summary>
    public static X509Certificate2 IssueDeviceBy(string deviceId, X509Certificate2 issuer, ECDsa issuerKey, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, string? eku = ClientAuth)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + deviceId, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (eku is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(eku) }, false));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        DateTimeOffset to = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        using X509Certificate2 issued = request.Create(issuer, from, to, NewSerial());
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Device certificate with the server-auth EKU only.</summary>
    public X509Certificate2 IssueDeviceWithServerAuthOnly(string deviceId) => IssueDevice(deviceId, eku: ServerAuth);

    /// <summary>Writes the server's files and returns options pointing at them (port 0, keys mode 0600).</summary>
    public IngestOptions WriteServerFiles(string directory, string storePath)
    {
        Directory.CreateDirectory(directory);
        string serverCert = Path.Combine(directory, "tls.crt.pem");
        File.WriteAllText(serverCert, Server.ExportCertificatePem() + "\n" + Root.ExportCertificatePem() + "\n");
        string serverKey = WriteKey(Path.Combine(directory, "tls.key.pem"), ServerKey);
        string deviceCa = Path.Combine(directory, "device-ca.crt.pem");
        File.WriteAllText(deviceCa, DeviceCa.ExportCertificatePem() + "\n" + Root.ExportCertificatePem() + "\n");
        string receiptCert = Path.Combine(directory, "receipt.crt.pem");
        File.WriteAllText(receiptCert, Receipt.ExportCertificatePem());
        string receiptKey = WriteKey(Path.Combine(directory, "receipt.key.pem"), ReceiptKey);
        return new IngestOptions
        {
            ListenAddress = "127.0.0.1",
            Port = 0,
            StorePath = storePath,
            ServerCertificatePath = serverCert,
            ServerKeyPath = serverKey,
            DeviceCaPath = deviceCa,
            ReceiptCertificatePath = receiptCert,
            ReceiptKeyPath = receiptKey,
            RevocationListPath = Path.Combine(directory, "revoked-serials.txt"),
        };
    }

    private static string WriteKey(string path, ECDsa key)
    {
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private static X509Certificate2 CreateCa(string subject, ECDsa key, X509Certificate2? issuer, ECDsa? issuerKey, int pathLength)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, pathLength, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset from = DateTimeOffset.UtcNow.AddDays(-2);
        DateTimeOffset to = DateTimeOffset.UtcNow.AddYears(5);
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, to);
        }

        using X509Certificate2 issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey!), from, to, NewSerial());
        return issued.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 IssueLeaf(string subject, ECDsa key, X509Certificate2 issuer, ECDsa issuerKey, string? eku, bool san)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (eku is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(eku) }, false));
        }

        if (san)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(ServerName);
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        using X509Certificate2 issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), NewSerial());
        return issued.CopyWithPrivateKey(key);
    }

    private static byte[] NewSerial()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }
}
