namespace CamAgent.Provisioning;

/// <summary>
/// Lifetimes and limits of the agency PKI, in one place with the reason for each value
/// (docs/agency-it-guide.md explains them to operators).
/// </summary>
public static class PkiPolicy
{
    /// <summary>The root is pinned in every camera; replacing it means re-provisioning the fleet, so it outlives the hardware.</summary>
    public const int RootCaLifetimeDays = 20 * 365;

    /// <summary>The device-issuing CA is online more often than the root; ten years bounds the exposure of its key.</summary>
    public const int DeviceCaLifetimeDays = 10 * 365;

    /// <summary>The TLS server certificate follows the public web's 397-day maximum so ordinary tooling accepts it.</summary>
    public const int ServerCertLifetimeDays = 397;

    /// <summary>The receipt-signing key is pinned in every device bundle; five years matches a typical camera refresh cycle.</summary>
    public const int ReceiptKeyLifetimeDays = 5 * 365;

    /// <summary>The bundle-signing key is pinned by cameras at first provisioning; same reasoning as the receipt key.</summary>
    public const int BundleSignerLifetimeDays = 5 * 365;

    /// <summary>Two years: a lost camera that was never reported stops being accepted on its own within that time.</summary>
    public const int DeviceCertLifetimeDays = 2 * 365;

    /// <summary>A device certificate is due for renewal this many days before it expires (time to re-bundle and re-flash).</summary>
    public const int DeviceRenewWindowDays = 60;

    /// <summary>Certificates start this long before "now" so a device or server clock slightly behind still accepts them.</summary>
    public static readonly TimeSpan BackdateForClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>Random serial length: RFC 5280 §4.1.2.2 allows up to 20 octets; 16 random octets make collisions negligible.</summary>
    public const int SerialNumberBytes = 16;

    /// <summary>PBKDF2 iterations for encrypted PKCS#8 keys (OWASP 2023 guidance for PBKDF2-HMAC-SHA256).</summary>
    public const int KeyEncryptionIterations = 600_000;

    /// <summary>Largest CSR or certificate PEM file read, so a wrong file (a video, say) is refused without being loaded.</summary>
    public const int MaxPemFileBytes = 64 * 1024;
}
