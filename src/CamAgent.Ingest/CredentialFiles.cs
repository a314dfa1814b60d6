using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Ingest;

/// <summary>
/// Loads certificates and private keys from PEM files. Private key files must not be readable
/// by group or others on Unix (mode 0600 or stricter): a key other users can read is refused.
/// </summary>
public static class CredentialFiles
{
    /// <summary>Loads the first certificate of a PEM file.</summary>
    public static X509Certificate2 LoadCertificate(string path)
    {
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new IngestConfigurationException($"Cannot read the certificate '{path}': {e.Message}", e);
        }
    }

    /// <summary>Loads every certificate of a PEM file, in file order.</summary>
    public static X509Certificate2Collection LoadCertificates(string path)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            if (certificates.Count == 0)
            {
                throw new IngestConfigurationException($"'{path}' holds no certificate.");
            }

            return certificates;
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new IngestConfigurationException($"Cannot read the certificates '{path}': {e.Message}", e);
        }
    }

    /// <summary>The device CA first, then its issuers: <see cref="IngestOptions.DeviceCaPath"/> followed by <see cref="IngestOptions.RootCaPath"/> when set.</summary>
    public static X509Certificate2Collection LoadDeviceCaChain(IngestOptions options)
    {
        X509Certificate2Collection chain = LoadCertificates(options.DeviceCaPath);
        if (!string.IsNullOrWhiteSpace(options.RootCaPath))
        {
            chain.AddRange(LoadCertificates(options.RootCaPath));
        }

        return chain;
    }

    /// <summary>Loads a TLS server certificate chain (leaf first) and its private key.</summary>
    public static SslStreamCertificateContext LoadServerCertificate(string certificatePath, string keyPath)
    {
        RequirePrivate(keyPath);
        try
        {
            using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            // Ephemeral PEM keys cannot be used by SslStream on every platform: round-trip through PKCS#12.
            X509Certificate2 leaf = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            var chain = new X509Certificate2Collection();
            chain.ImportFromPemFile(certificatePath);
            var intermediates = new X509Certificate2Collection();
            for (int i = 1; i < chain.Count; i++)
            {
                intermediates.Add(chain[i]);
            }

            return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new IngestConfigurationException($"Cannot load the server certificate '{certificatePath}' with its key: {e.Message}", e);
        }
    }

    /// <summary>Loads a P-256 private key (PKCS#8 or SEC1 PEM) for signing receipts.</summary>
    public static ECDsa LoadSigningKey(string keyPath)
    {
        RequirePrivate(keyPath);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(keyPath));
            if (key.KeySize != 256)
            {
                throw new IngestConfigurationException($"The receipt key '{keyPath}' is not a P-256 key.");
            }

            return key;
        }
        catch (Exception e) when (e is IOException or CryptographicException or ArgumentException or UnauthorizedAccessException)
        {
            key.Dispose();
            throw new IngestConfigurationException($"Cannot read the receipt key '{keyPath}': {e.Message}", e);
        }
    }

    /// <summary>Builds the Core evidence formats with the receipt key and certificate and the device CA chain of <paramref name="options"/>.</summary>
    public static Evidence.CoreEvidenceFormat LoadEvidenceFormat(IngestOptions options)
    {
        X509Certificate2 receiptCertificate = LoadCertificate(options.ReceiptCertificatePath);
        ECDsa key = LoadSigningKey(options.ReceiptKeyPath);
        using (ECDsa? certified = receiptCertificate.GetECDsaPublicKey())
        {
            if (certified is null || !certified.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
            {
                key.Dispose();
                throw new IngestConfigurationException($"The receipt certificate '{options.ReceiptCertificatePath}' does not certify the key '{options.ReceiptKeyPath}'.");
            }
        }

        if (!HasUsage(receiptCertificate, CamAgent.Verification.ReceiptSigningUsage.Oid))
        {
            key.Dispose();
            throw new IngestConfigurationException($"The receipt certificate '{options.ReceiptCertificatePath}' lacks the receipt-signing extended key usage {CamAgent.Verification.ReceiptSigningUsage.Oid}: receipts signed with it would not verify (`camagent pki init` issues one with it).");
        }

        return new Evidence.CoreEvidenceFormat(LoadDeviceCaChain(options).ToArray(), new Host.Crypto.HostEcdsaSigner(key), receiptCertificate);
    }

    private static bool HasUsage(X509Certificate2 certificate, string oid) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == oid));

    /// <summary>Throws unless <paramref name="keyPath"/> exists and (on Unix) only its owner can read it.</summary>
    public static void RequirePrivate(string keyPath)
    {
        if (!File.Exists(keyPath))
        {
            throw new IngestConfigurationException($"The key file '{keyPath}' does not exist.");
        }

        if (!OperatingSystem.IsWindows())
        {
            UnixFileMode mode = File.GetUnixFileMode(keyPath);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & others) != 0)
            {
                throw new IngestConfigurationException($"The key file '{keyPath}' is readable by other users; restrict it to its owner (chmod 600).");
            }
        }
    }
}
