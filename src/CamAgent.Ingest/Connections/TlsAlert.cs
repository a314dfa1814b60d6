using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest.Connections;

/// <summary>
/// The fatal TLS 1.2 alert record (RFC 5246 §7.2) that answers a refused client certificate,
/// sent in the clear before the server's ChangeCipherSpec. The descriptions follow what OpenSSL
/// itself sends for the same verification failures.
/// </summary>
public static class TlsAlert
{
    public const byte HandshakeFailure = 40;
    public const byte BadCertificate = 42;
    public const byte UnsupportedCertificate = 43;
    public const byte CertificateExpired = 45;
    public const byte UnknownCa = 48;

    private const byte AlertRecord = 21;
    private const byte Fatal = 2;

    /// <summary>The alert description for a refusal (RFC 5246 §7.2.2; TLS 1.2 has no certificate_required, so a missing certificate is a handshake failure, §7.4.6).</summary>
    public static byte DescriptionFor(CertificateVerdict verdict) => verdict switch
    {
        CertificateVerdict.Missing => HandshakeFailure,
        CertificateVerdict.Expired => CertificateExpired,
        CertificateVerdict.Untrusted => UnknownCa,
        CertificateVerdict.WrongUsage => UnsupportedCertificate,
        CertificateVerdict.NotYetValid or CertificateVerdict.DeviceIdInvalid => BadCertificate,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Accepted certificates get no alert."),
    };

    /// <summary>The whole record: type alert, version TLS 1.2, length 2, level fatal, <paramref name="description"/>.</summary>
    public static byte[] Record(byte description) => [AlertRecord, 3, 3, 0, 2, Fatal, description];
}
