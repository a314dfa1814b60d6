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

    /// <summary>
    /// The identity of the certificate a connection presented, worked out once per connection
    /// (subject CN, serial and DER are each read through the TLS library) and kept in the
    /// connection's <paramref name="items"/> (null: none to keep it in; worked out each time).
    /// </summary>
    public static DeviceIdentity OfConnection(IDictionary<object, object?>? items, X509Certificate2 certificate)
    {
        if (items is not null && items.TryGetValue(typeof(DeviceIdentity), out object? known) && known is DeviceIdentity device)
        {
            return device;
        }

        device = From(certificate);
        if (items is not null)
        {
            items[typeof(DeviceIdentity)] = device;
        }

        return device;
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
