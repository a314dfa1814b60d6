using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Cli.Tests;

/// <summary>Certificate signing requests as a device would make them, built at test time.</summary>
public static class Csr
{
    public static string Create(string deviceId, ECDsa key, X509KeyUsageFlags usage)
    {
        var request = new CertificateRequest("CN=" + deviceId, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        return request.CreateSigningRequestPem();
    }

    /// <summary>Flips one bit inside the signed part (the subject), so the self-signature no longer verifies.</summary>
    public static string Tamper(string pem)
    {
        byte[] der = PemEncoding.Find(pem) is var fields ? Convert.FromBase64String(pem[fields.Base64Data]) : [];
        int index = IndexOf(der, "cam-"u8.ToArray());
        der[index] ^= 0x01;
        return PemEncoding.WriteString("CERTIFICATE REQUEST", der);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        throw new ArgumentException("Marker not found in the CSR.");
    }
}
