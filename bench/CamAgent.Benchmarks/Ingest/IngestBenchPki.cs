using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest;

namespace CamAgent.Benchmarks.Ingest;

/// <summary>A throw-away agency PKI for the benchmarks: root → device CA → cameras; root → server TLS and receipt certificates.</summary>
internal sealed class IngestBenchPki
{
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _deviceCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public IngestBenchPki()
    {
        var rootRequest = new CertificateRequest("CN=Bench Root CA", _rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        Root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddYears(1));
        var caRequest = new CertificateRequest("CN=Bench Device CA", _deviceCaKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        using X509Certificate2 ca = caRequest.Create(Root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), Serial());
        DeviceCa = ca.CopyWithPrivateKey(_deviceCaKey);
        Receipt = Issue("CN=Bench Receipt Signer", Root, CamAgent.Verification.ReceiptSigningUsage.Oid, san: false);
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 DeviceCa { get; }

    /// <summary>The server's receipt-signing certificate (with its key); cameras pin its public key.</summary>
    public X509Certificate2 Receipt { get; }

    public X509Certificate2 IssueDevice(string deviceId) => Issue("CN=" + deviceId, DeviceCa, ClientAuth, san: false);

    /// <summary>A TLS server certificate for <see cref="BenchIngestServer.HostName"/> and 127.0.0.1, issued by the root.</summary>
    public X509Certificate2 IssueServer() => Issue("CN=" + BenchIngestServer.HostName, Root, ServerAuth, san: true);

    /// <summary>Writes server files (keys 0600) and returns options listening on 127.0.0.1:<paramref name="port"/>.</summary>
    public IngestOptions WriteServerFiles(string directory, string store, int port)
    {
        Directory.CreateDirectory(directory);
        X509Certificate2 server = IssueServer();
        var options = new IngestOptions
        {
            ListenAddress = "127.0.0.1",
            Port = port,
            StorePath = store,
            ServerCertificatePath = Write(directory, "tls.crt.pem", server.ExportCertificatePem()),
            ServerKeyPath = WriteKey(directory, "tls.key.pem", server.GetECDsaPrivateKey()!),
            DeviceCaPath = Write(directory, "device-ca.crt.pem", DeviceCa.ExportCertificatePem() + "\n" + Root.ExportCertificatePem()),
            ReceiptCertificatePath = Write(directory, "receipt.crt.pem", Receipt.ExportCertificatePem()),
            ReceiptKeyPath = WriteKey(directory, "receipt.key.pem", Receipt.GetECDsaPrivateKey()!),
        };
        options.Limits.MaxConnections = 10_000;

        // Every bench camera dials from 127.0.0.1, like a fleet behind one NAT address.
        options.Limits.MaxPendingHandshakesPerAddress = 10_000;
        return options;
    }

    private static string Write(string directory, string name, string text)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string WriteKey(string directory, string name, ECDsa key)
    {
        string path = Write(directory, name, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private X509Certificate2 Issue(string subject, X509Certificate2 issuer, string? eku, bool san)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        if (eku is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(eku) }, false));
        }

        if (san)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(BenchIngestServer.HostName);
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        ECDsa issuerKey = ReferenceEquals(issuer, Root) ? _rootKey : _deviceCaKey;
        using X509Certificate2 issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMonths(3), Serial());
        return issued.CopyWithPrivateKey(key);
    }

    private static byte[] Serial()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }
}
