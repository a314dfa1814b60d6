namespace CamAgent.Ingest.Tls;

/// <summary>Why a device certificate is or is not acceptable; each refusal is one audit code.</summary>
public enum CertificateVerdict
{
    Accepted,
    Missing,
    Untrusted,
    Expired,
    NotYetValid,
    WrongUsage,
    DeviceIdInvalid,
}
