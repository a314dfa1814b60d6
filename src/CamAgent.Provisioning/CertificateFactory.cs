using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Provisioning;

/// <summary>
/// Builds every certificate of the agency PKI (RFC 5280 profiles, all ECDSA P-256 with SHA-256):
/// <code>
/// root CA (pathLen 1) ─┬─ device-issuing CA (pathLen 0, EKU clientAuth, name constraints) ── device certificates (clientAuth)
///                      ├─ ingest server TLS certificate (serverAuth, SAN = host name)
///                      ├─ receipt-signing certificate (digitalSignature, EKU CamAgent receipt signing)
///                      └─ bundle-signing certificate (digitalSignature only)
/// </code>
/// Callers check that the issuer is valid at <c>now</c>; a certificate never outlives its issuer
/// (its end is clamped to the issuer's).
/// </summary>
public static class CertificateFactory
{
    /// <summary>Organisational unit under which every camera identity is named (and the device CA constrained).</summary>
    public const string DeviceUnit = "CamAgent Devices";

    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const int RootPathLength = 1;
    private const int DeviceCaPathLength = 0;

    /// <summary>A self-signed agency root CA with a new key (returned inside the certificate).</summary>
    public static X509Certificate2 CreateRootCa(string agencyName, DateTimeOffset now)
    {
        using ECDsa key = KeyFiles.NewP256();
        var request = new CertificateRequest(Name(agencyName, null, agencyName + " CamAgent Root CA"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, RootPathLength, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset start = now - PkiPolicy.BackdateForClockSkew;
        return request.CreateSelfSigned(start, now.AddDays(PkiPolicy.RootCaLifetimeDays));
    }

    /// <summary>The device-issuing CA under <paramref name="root"/>, with a new key.</summary>
    public static X509Certificate2 CreateDeviceCa(X509Certificate2 root, string agencyName, DateTimeOffset now)
    {
        using ECDsa key = KeyFiles.NewP256();
        var request = new CertificateRequest(Name(agencyName, DeviceUnit, agencyName + " CamAgent Device CA"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, DeviceCaPathLength, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(ClientAuthOid) }, false));
        request.CertificateExtensions.Add(NameConstraints.ForDeviceCa(Name(agencyName, DeviceUnit, null)));
        return Issue(root, request, now, PkiPolicy.DeviceCaLifetimeDays, key);
    }

    /// <summary>The ingest server's TLS certificate for <paramref name="hostName"/> (SAN dNSName), key <paramref name="key"/>.</summary>
    public static X509Certificate2 IssueServerCertificate(X509Certificate2 root, string agencyName, string hostName, ECDsa key, DateTimeOffset now)
    {
        var request = new CertificateRequest(Name(agencyName, null, hostName), key, HashAlgorithmName.SHA256);
        AddEndEntityExtensions(request, ServerAuthOid);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(hostName);
        request.CertificateExtensions.Add(san.Build(critical: false));
        return Issue(root, request, now, PkiPolicy.ServerCertLifetimeDays, key);
    }

    /// <summary>
    /// A signing-only certificate named <paramref name="commonName"/>: with
    /// <paramref name="extendedUsageOid"/> <see cref="CamAgent.Verification.ReceiptSigningUsage.Oid"/>
    /// the receipt-signing certificate (verifiers accept receipts only from it), with null the
    /// bundle-signing certificate.
    /// </summary>
    public static X509Certificate2 IssueSigningCertificate(X509Certificate2 root, string agencyName, string commonName, ECDsa key, int lifetimeDays, DateTimeOffset now, string? extendedUsageOid = null)
    {
        var request = new CertificateRequest(Name(agencyName, null, commonName), key, HashAlgorithmName.SHA256);
        AddEndEntityExtensions(request, extendedUsageOid);
        return Issue(root, request, now, lifetimeDays, key);
    }

    /// <summary>A device certificate for <paramref name="deviceId"/> (subject CN) over <paramref name="devicePublicKey"/>; no private key attached.</summary>
    public static X509Certificate2 IssueDeviceCertificate(X509Certificate2 deviceCa, string agencyName, string deviceId, PublicKey devicePublicKey, DateTimeOffset now)
    {
        var request = new CertificateRequest(Name(agencyName, DeviceUnit, deviceId), devicePublicKey, HashAlgorithmName.SHA256);
        AddEndEntityExtensions(request, ClientAuthOid);
        return Issue(deviceCa, request, now, PkiPolicy.DeviceCertLifetimeDays, null);
    }

    /// <summary>
    /// The subject name, encoded in the order O, OU, CN so the device CA's directory constraint is a
    /// prefix of every device name. X500DistinguishedNameBuilder encodes in reverse order of the
    /// Add calls, hence CN is added first.
    /// </summary>
    public static X500DistinguishedName Name(string organization, string? unit, string? commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        if (commonName is not null)
        {
            builder.AddCommonName(commonName);
        }

        if (unit is not null)
        {
            builder.AddOrganizationalUnitName(unit);
        }

        builder.AddOrganizationName(organization);
        return builder.Build();
    }

    private static void AddEndEntityExtensions(CertificateRequest request, string? extendedUsageOid)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (extendedUsageOid is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(extendedUsageOid) }, false));
        }
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, CertificateRequest request, DateTimeOffset now, int lifetimeDays, ECDsa? subjectKey)
    {
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        DateTimeOffset start = now - PkiPolicy.BackdateForClockSkew;
        if (start < issuer.NotBefore)
        {
            start = issuer.NotBefore;
        }

        DateTimeOffset end = now.AddDays(lifetimeDays);
        if (end > issuer.NotAfter)
        {
            end = issuer.NotAfter;
        }

        X509Certificate2 issued = request.Create(issuer, start, end, SerialNumbers.NewSerial());
        if (subjectKey is null)
        {
            return issued;
        }

        using (issued)
        {
            return issued.CopyWithPrivateKey(subjectKey);
        }
    }
}
