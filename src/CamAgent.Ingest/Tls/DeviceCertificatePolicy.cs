using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Ingest.Tls;

/// <summary>
/// Decides whether a TLS client certificate is a device certificate of this agency: issued
/// directly by the configured device-issuing CA, whose chain ends at the agency root given with
/// it (the only trust anchor, never the OS store), within its
/// validity period, with extended key usage clientAuth and a usable device id as subject CN.
/// Revocation is checked per request by <see cref="RevocationWatcher"/> so it applies without a restart.
/// </summary>
public sealed class DeviceCertificatePolicy
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2 _deviceCa;
    private readonly X509Certificate2Collection _issuers;
    private readonly X509Certificate2 _anchor;
    private readonly TimeProvider _time;

    /// <summary>
    /// <paramref name="deviceCaChain"/>: the device-issuing CA first, then its issuers up to the
    /// agency root (a self-signed device CA alone is also accepted).
    /// </summary>
    public DeviceCertificatePolicy(X509Certificate2Collection deviceCaChain, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(deviceCaChain);
        ArgumentNullException.ThrowIfNull(time);
        if (deviceCaChain.Count == 0)
        {
            throw new ArgumentException("The device CA chain is empty.", nameof(deviceCaChain));
        }

        _deviceCa = deviceCaChain[0];
        _anchor = deviceCaChain[^1];
        _issuers = new X509Certificate2Collection();
        for (int i = 0; i < deviceCaChain.Count - 1; i++)
        {
            _issuers.Add(deviceCaChain[i]);
        }

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
        chain.ChainPolicy.CustomTrustStore.Add(_anchor);
        chain.ChainPolicy.ExtraStore.AddRange(_issuers);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (!chain.Build(certificate) || chain.ChainElements.Count < 2)
        {
            return false;
        }

        // The issuer must be the device-issuing CA itself: a certificate the root or any other
        // CA under it issued (the server's, a receipt signer's) is not a device certificate.
        return chain.ChainElements[1].Certificate.RawDataMemory.Span.SequenceEqual(_deviceCa.RawDataMemory.Span);
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
