using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Provisioning;

/// <summary>
/// Checks a device's PKCS#10 certificate signing request (RFC 2986) before the device CA signs
/// anything: the self-signature verifies (proof the requester holds the key), the key is P-256,
/// the subject CN is a valid device id, and any extensions it requests are ones a camera may have
/// (digitalSignature, clientAuth, not a CA). The issued certificate never copies requested
/// extensions: the CA sets them; these checks only refuse a request that asks for more.
/// </summary>
public static class CsrInspector
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>The checked request: the device id from its CN and its public key.</summary>
    public sealed record Accepted(string DeviceId, PublicKey PublicKey);

    public static PkiResult<Accepted> Inspect(string csrPem)
    {
        ArgumentNullException.ThrowIfNull(csrPem);
        CertificateRequest request;
        try
        {
            // "Unsafe" only means the requested extensions are loaded: they are inspected here and
            // never copied into a certificate (CertificateFactory builds every extension itself).
            request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (CryptographicException)
        {
            return PkiResult<Accepted>.Fail(PkiError.CredentialRefused,
                "The CSR is malformed or its signature does not verify with its own public key (it must be signed by the device key with ECDSA SHA-256).");
        }
        catch (ArgumentException)
        {
            return PkiResult<Accepted>.Fail(PkiError.BadInput, "The file is not a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----).");
        }

        if (!KeyChecks.IsP256(request.PublicKey))
        {
            return PkiResult<Accepted>.Fail(PkiError.CredentialRefused, "The CSR's key is not an ECDSA P-256 key; CamAgent devices sign with ES256 only.");
        }

        string? problem = CheckRequestedExtensions(request);
        if (problem is not null)
        {
            return PkiResult<Accepted>.Fail(PkiError.CredentialRefused, problem);
        }

        string commonName = DistinguishedNames.CommonName(request.SubjectName) ?? string.Empty;
        if (!Names.IsValidDeviceId(commonName))
        {
            return PkiResult<Accepted>.Fail(PkiError.BadInput,
                $"The CSR's subject CN '{commonName}' is not a valid device id ({Names.DeviceIdRule}).");
        }

        return PkiResult<Accepted>.Success(new Accepted(commonName, request.PublicKey));
    }

    private static string? CheckRequestedExtensions(CertificateRequest request)
    {
        foreach (X509Extension extension in request.CertificateExtensions)
        {
            switch (extension)
            {
                case X509BasicConstraintsExtension constraints when constraints.CertificateAuthority:
                    return "The CSR asks to be a certificate authority (basicConstraints CA=true); a device certificate never is.";
                case X509KeyUsageExtension usage when (usage.KeyUsages & ~X509KeyUsageFlags.DigitalSignature) != 0:
                    return $"The CSR asks for key usage '{usage.KeyUsages}'; a device key may only be used for digitalSignature.";
                case X509EnhancedKeyUsageExtension eku when !OnlyClientAuth(eku):
                    return "The CSR asks for extended key usages other than clientAuth (1.3.6.1.5.5.7.3.2); a device certificate is a TLS client only.";
            }
        }

        return null;
    }

    private static bool OnlyClientAuth(X509EnhancedKeyUsageExtension eku)
    {
        foreach (Oid usage in eku.EnhancedKeyUsages)
        {
            if (usage.Value != ClientAuthOid)
            {
                return false;
            }
        }

        return true;
    }
}
