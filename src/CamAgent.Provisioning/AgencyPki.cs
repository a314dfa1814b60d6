using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CamAgent.Verification.Revocation;

namespace CamAgent.Provisioning;

/// <summary>
/// An agency PKI folder (layout: <see cref="PkiLayout"/>). <see cref="Initialize"/> creates it in one
/// step (all or nothing); <see cref="Open"/> reads an existing one. CA and bundle-signing keys may be
/// encrypted with a passphrase; the server's TLS and receipt keys are not, because the ingest
/// server loads them unattended (they are protected by mode 0600 instead).
/// </summary>
public sealed class AgencyPki
{
    private AgencyPki(PkiLayout layout, PkiSettings settings, X509Certificate2 rootCa, X509Certificate2 deviceCa)
    {
        Layout = layout;
        Settings = settings;
        RootCa = rootCa;
        DeviceCa = deviceCa;
    }

    public PkiLayout Layout { get; }

    public PkiSettings Settings { get; }

    /// <summary>The agency root CA certificate (public part): the trust anchor cameras pin.</summary>
    public X509Certificate2 RootCa { get; }

    /// <summary>The device-issuing CA certificate (public part): the only CA the ingest server accepts clients from.</summary>
    public X509Certificate2 DeviceCa { get; }

    /// <summary>
    /// Creates a new PKI in <paramref name="folder"/> (which must not exist or be empty): root CA,
    /// device CA, bundle-signing, receipt-signing and TLS server certificates and keys. Everything is
    /// written to a sibling staging folder first and moved into place at the end, so a failure leaves nothing.
    /// </summary>
    public static PkiResult<AgencyPki> Initialize(string folder, string agency, string ingestHost, string? passphrase, DateTimeOffset now, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(agency);
        if (string.IsNullOrWhiteSpace(agency) || agency.Length > Names.MaxAgencyNameLength)
        {
            return PkiResult<AgencyPki>.Fail(PkiError.BadInput, $"The agency name must be 1 to {Names.MaxAgencyNameLength} characters.");
        }

        if (!Names.IsValidHostName(ingestHost))
        {
            return PkiResult<AgencyPki>.Fail(PkiError.BadInput, $"'{ingestHost}' is not a valid ingest host name: {Names.HostNameRule}.");
        }

        string target = Path.GetFullPath(folder);
        if (File.Exists(target) || Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            return PkiResult<AgencyPki>.Fail(PkiError.Conflict, $"{target} already exists and is not empty; a PKI is never created over existing files.");
        }

        string staging = target.TrimEnd(Path.DirectorySeparatorChar) + ".creating-" + Guid.NewGuid().ToString("N");
        try
        {
            WriteNewPki(new PkiLayout(staging), new PkiSettings(agency, ingestHost, now), passphrase, now, progress);
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return Open(target);
    }

    /// <summary>Opens an existing PKI folder (public parts only; keys are read when an operation needs them).</summary>
    public static PkiResult<AgencyPki> Open(string folder)
    {
        var layout = new PkiLayout(folder);
        if (!File.Exists(layout.SettingsFile))
        {
            return PkiResult<AgencyPki>.Fail(PkiError.BadInput, $"{layout.Root} is not a CamAgent PKI folder (no pki.json); create one with 'camagent pki init'.");
        }

        PkiSettings? settings = PkiSettings.FromJson(File.ReadAllText(layout.SettingsFile));
        if (settings is null)
        {
            return PkiResult<AgencyPki>.Fail(PkiError.BadInput, $"{layout.SettingsFile} is malformed.");
        }

        PkiResult<X509Certificate2> root = PemFiles.ReadCertificate(layout.RootCaCertificate);
        if (!root.Ok)
        {
            return root.As<AgencyPki>();
        }

        PkiResult<X509Certificate2> deviceCa = PemFiles.ReadCertificate(layout.DeviceCaCertificate);
        return deviceCa.Ok
            ? PkiResult<AgencyPki>.Success(new AgencyPki(layout, settings, root.Value!, deviceCa.Value!))
            : deviceCa.As<AgencyPki>();
    }

    /// <summary>
    /// Issues a new TLS server certificate and key for the ingest host (rotation before the
    /// 397-day limit), replacing the current pair atomically. Needs the root CA key.
    /// </summary>
    public PkiResult<X509Certificate2> RotateServerCertificate(string? passphrase, DateTimeOffset now)
    {
        PkiResult<X509Certificate2> root = LoadIssuer(Layout.RootCaCertificate, Layout.RootCaKey, "root CA", passphrase, now);
        if (!root.Ok)
        {
            return root;
        }

        using X509Certificate2 rootCa = root.Value!;
        using ECDsa key = KeyFiles.NewP256();
        X509Certificate2 server = CertificateFactory.IssueServerCertificate(rootCa, Settings.Agency, Settings.IngestHost, key, now);
        KeyFiles.Write(Layout.ServerKey, key, passphrase: null, overwrite: true);
        SecureFile.WriteText(Layout.ServerCertificate, server.ExportCertificatePem() + "\n", secret: false, overwrite: true);
        return PkiResult<X509Certificate2>.Success(server);
    }

    /// <summary>The ingest server's TLS certificate with its private key (for Kestrel or SslStream).</summary>
    public PkiResult<X509Certificate2> LoadServerCredential() => LoadCredential(Layout.ServerCertificate, Layout.ServerKey);

    /// <summary>The receipt-signing certificate with its private key (the ingest server signs receipts with it).</summary>
    public PkiResult<X509Certificate2> LoadReceiptSigner() => LoadCredential(Layout.ReceiptCertificate, Layout.ReceiptKey);

    /// <summary>A device's certificate with its private key; only for devices enrolled with a key generated here.</summary>
    public PkiResult<X509Certificate2> LoadDeviceCredential(string deviceId)
    {
        if (!Names.IsValidDeviceId(deviceId) || !File.Exists(Layout.DeviceKey(deviceId)))
        {
            return PkiResult<X509Certificate2>.Fail(PkiError.NotFound, $"No generated key for device '{deviceId}' in {Layout.Root}.");
        }

        return LoadCredential(Layout.DeviceCertificate(deviceId), Layout.DeviceKey(deviceId));
    }

    /// <summary>A certificate and its unencrypted private key from two PEM files.</summary>
    public static PkiResult<X509Certificate2> LoadCredential(string certificatePath, string keyPath)
    {
        try
        {
            return PkiResult<X509Certificate2>.Success(X509Certificate2.CreateFromPemFile(certificatePath, keyPath));
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException)
        {
            return PkiResult<X509Certificate2>.Fail(PkiError.BadInput, $"Cannot load {certificatePath} with key {keyPath}: {e.Message}");
        }
    }

    /// <summary>The receipt-signing public key as the 65-byte SEC1 point devices pin.</summary>
    public PkiResult<byte[]> ReceiptPublicKey() => PublicPoint(Layout.ReceiptCertificate);

    /// <summary>The bundle-signing public key as the 65-byte SEC1 point devices pin at first provisioning.</summary>
    public PkiResult<byte[]> BundleSignerPublicKey() => PublicPoint(Layout.BundleSignerCertificate);

    /// <summary>
    /// Loads an issuing certificate with its private key, refusing it when it is not valid at
    /// <paramref name="now"/> (an expired CA must be replaced, not used).
    /// </summary>
    public static PkiResult<X509Certificate2> LoadIssuer(string certificatePath, string keyPath, string role, string? passphrase, DateTimeOffset now)
    {
        PkiResult<X509Certificate2> certificate = PemFiles.ReadCertificate(certificatePath);
        if (!certificate.Ok)
        {
            return certificate;
        }

        using X509Certificate2 publicPart = certificate.Value!;
        if (now < publicPart.NotBefore || now >= publicPart.NotAfter)
        {
            return PkiResult<X509Certificate2>.Fail(PkiError.CredentialRefused,
                $"The {role} certificate is valid from {publicPart.NotBefore.ToUniversalTime():u} to {publicPart.NotAfter.ToUniversalTime():u}, not now ({now.UtcDateTime:u}); nothing was issued.");
        }

        PkiResult<ECDsa> key = KeyFiles.Read(keyPath, passphrase);
        if (!key.Ok)
        {
            return key.As<X509Certificate2>();
        }

        using ECDsa privateKey = key.Value!;
        try
        {
            return PkiResult<X509Certificate2>.Success(publicPart.CopyWithPrivateKey(privateKey));
        }
        catch (ArgumentException)
        {
            return PkiResult<X509Certificate2>.Fail(PkiError.CredentialRefused, $"The key {keyPath} does not belong to the {role} certificate {certificatePath}.");
        }
    }

    private static PkiResult<byte[]> PublicPoint(string certificatePath)
    {
        PkiResult<X509Certificate2> certificate = PemFiles.ReadCertificate(certificatePath);
        if (!certificate.Ok)
        {
            return certificate.As<byte[]>();
        }

        using X509Certificate2 cert = certificate.Value!;
        using ECDsa key = cert.GetECDsaPublicKey()!;
        return PkiResult<byte[]>.Success(KeyChecks.UncompressedPoint(key));
    }

    private static void WriteNewPki(PkiLayout layout, PkiSettings settings, string? passphrase, DateTimeOffset now, Action<string>? progress)
    {
        progress?.Invoke("creating the root CA");
        using X509Certificate2 root = CertificateFactory.CreateRootCa(settings.Agency, now);
        WritePair(layout.RootCaCertificate, layout.RootCaKey, root, passphrase);

        progress?.Invoke("creating the device-issuing CA");
        using X509Certificate2 deviceCa = CertificateFactory.CreateDeviceCa(root, settings.Agency, now);
        WritePair(layout.DeviceCaCertificate, layout.DeviceCaKey, deviceCa, passphrase);

        progress?.Invoke("creating the bundle-signing key");
        IssueSigningPair(root, settings.Agency, settings.Agency + " CamAgent Bundle Signing", PkiPolicy.BundleSignerLifetimeDays,
            layout.BundleSignerCertificate, layout.BundleSignerKey, passphrase, now, null);

        progress?.Invoke("creating the receipt-signing key");
        IssueSigningPair(root, settings.Agency, settings.Agency + " CamAgent Receipt Signing", PkiPolicy.ReceiptKeyLifetimeDays,
            layout.ReceiptCertificate, layout.ReceiptKey, null, now, CamAgent.Verification.ReceiptSigningUsage.Oid);

        progress?.Invoke($"creating the TLS server certificate for {settings.IngestHost}");
        using (ECDsa serverKey = KeyFiles.NewP256())
        using (X509Certificate2 server = CertificateFactory.IssueServerCertificate(root, settings.Agency, settings.IngestHost, serverKey, now))
        {
            KeyFiles.Write(layout.ServerKey, serverKey, null, overwrite: false);
            SecureFile.WriteText(layout.ServerCertificate, server.ExportCertificatePem() + "\n", secret: false, overwrite: false);
        }

        Directory.CreateDirectory(layout.DevicesFolder);
        SecureFile.WriteText(layout.RevocationListFile, RevocationList.Header + "\n", secret: false, overwrite: false);
        SecureFile.WriteText(layout.SettingsFile, settings.ToJson(), secret: false, overwrite: false);
    }

    private static void IssueSigningPair(X509Certificate2 root, string agency, string commonName, int lifetimeDays, string certPath, string keyPath, string? passphrase, DateTimeOffset now, string? extendedUsageOid)
    {
        using ECDsa key = KeyFiles.NewP256();
        using X509Certificate2 certificate = CertificateFactory.IssueSigningCertificate(root, agency, commonName, key, lifetimeDays, now, extendedUsageOid);
        KeyFiles.Write(keyPath, key, passphrase, overwrite: false);
        SecureFile.WriteText(certPath, certificate.ExportCertificatePem() + "\n", secret: false, overwrite: false);
    }

    private static void WritePair(string certPath, string keyPath, X509Certificate2 certificate, string? passphrase)
    {
        using ECDsa key = certificate.GetECDsaPrivateKey()!;
        KeyFiles.Write(keyPath, key, passphrase, overwrite: false);
        SecureFile.WriteText(certPath, certificate.ExportCertificatePem() + "\n", secret: false, overwrite: false);
    }
}
