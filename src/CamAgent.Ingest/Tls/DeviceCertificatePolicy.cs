using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Ingest.Tls;

/// <summary>
/// Decides whether a TLS client certificate is a device certificate of this agency: issued by
/// the configured device-issuing CA (the only trust anchor, never the OS store), within its
/// validity period, with extended key usage clientAuth and a usable device id as subject CN.
/// Revocation is checked per request by <see cref="RevocationList"/> so it applies without a restart.
/// </summary>
public sealed class DeviceCertificatePolicy
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2 _deviceCa;
    private readonly TimeProvider _time;

    public DeviceCertificatePolicy(X509Certificate2 deviceCa, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(deviceCa);
        ArgumentNullException.ThrowIfNull(time);
        _deviceCa = deviceCa;
        _time = time;
    }

    /// <summary>Checks <paramref name="certificate"/> (null when the client sent none).</summary>
    public CertificateVerdict Check(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return CertificateVerdict.Missing;
        }

        DateTime now = _time.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime())
        {
            return CertificateVerdict.NotYetValid;
        }

        if (now > certificate.NotAfter.ToUniversalTime())
        {
            return CertificateVerdict.Expired;
        }

        if (!ChainsToDeviceCa(certificate, now))
        {
            return CertificateVerdict.Untrusted;
        }

        if (!HasClientAuthUsage(certificate))
        {
            return CertificateVerdict.WrongUsage;
        }

        return DeviceIdentity.IsValidDeviceId(DeviceIdentity.CommonNameOf(certificate))
            ? CertificateVerdict.Accepted
            : CertificateVerdict.DeviceIdInvalid;
    }

    private bool ChainsToDeviceCa(X509Certificate2 certificate, DateTime now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_deviceCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (!chain.Build(certificate))
        {
            return false;
        }

        // A device certificate sits directly under the device-issuing CA: anything longer means
        // some other certificate in between has issued it.
        return chain.ChainElements.Count == 2
            && chain.ChainElements[1].Certificate.RawDataMemory.Span.SequenceEqual(_deviceCa.RawDataMemory.Span);
    }

    private static bool HasClientAuthUsage(X509Certificate2 certificate)
    {
        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension eku)
            {
                foreach (var oid in eku.EnhancedKeyUsages)
                {
                    if (oid.Value == ClientAuthOid)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
