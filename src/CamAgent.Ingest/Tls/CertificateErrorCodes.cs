using CamAgent.Core.Upload;

namespace CamAgent.Ingest.Tls;

/// <summary>The <see cref="ErrorCodes"/> value for each refused certificate.</summary>
public static class CertificateErrorCodes
{
    /// <summary>The code recorded when the TLS handshake refuses a certificate.</summary>
    public static string For(CertificateVerdict verdict) => verdict switch
    {
        CertificateVerdict.Missing => ErrorCodes.ClientCertificateMissing,
        CertificateVerdict.Untrusted => ErrorCodes.CertificateUntrusted,
        CertificateVerdict.Expired => ErrorCodes.CertificateExpired,
        CertificateVerdict.NotYetValid => ErrorCodes.CertificateNotYetValid,
        CertificateVerdict.WrongUsage => ErrorCodes.CertificateWrongUsage,
        CertificateVerdict.DeviceIdInvalid => ErrorCodes.DeviceIdInvalid,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Accepted certificates have no error code."),
    };
}
