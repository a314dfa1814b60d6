using System.Security.Cryptography.X509Certificates;
using CamAgent.Verification.Revocation;

namespace CamAgent.Ingest.Tls;

/// <summary>
/// A device as the TLS layer authenticated it. The device id is the subject CN of its
/// certificate (docs/evidence-format.md §2, device id) and names folders in the store, so only a restricted
/// alphabet is accepted: no path separators, no dots at the start, bounded length.
/// </summary>
public sealed record DeviceIdentity(string DeviceId, string SerialNumber, byte[] CertificateDer)
{
    /// <summary>When the certificate expires (UTC); every request is refused after it.</summary>
    public DateTime NotAfterUtc { get; init; } = DateTime.MaxValue;

    /// <summary>Longest accepted device id; ids name directories, so keep well below file-name limits.</summary>
    public const int MaxDeviceIdLength = 64;

    /// <summary>Builds the identity of a certificate the policy accepted.</summary>
    public static DeviceIdentity From(X509Certificate2 certificate)
    {
        return new DeviceIdentity(CommonNameOf(certificate), RevocationList.Normalize(certificate.SerialNumber), certificate.RawData)
        {
            NotAfterUtc = certificate.NotAfter.ToUniversalTime(),
        };
    }

    /// <summary>The subject CN, or "" when there is none.</summary>
    public static string CommonNameOf(X509Certificate2 certificate)
    {
        return certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) ?? "";
    }

    /// <summary>True for 1..64 characters of [A-Za-z0-9._-], not starting with '.' or '-'.</summary>
    public static bool IsValidDeviceId(string id)
    {
        if (id.Length is 0 or > MaxDeviceIdLength || id[0] == '.' || id[0] == '-')
        {
            return false;
        }

        foreach (char c in id)
        {
            bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
