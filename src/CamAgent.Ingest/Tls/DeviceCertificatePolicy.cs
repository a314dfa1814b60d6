using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Verification;

namespace CamAgent.Ingest.Tls;

/// <summary>
/// Decides whether a TLS client certificate is a device certificate of this agency: issued
/// directly by the configured device-issuing CA, whose chain ends at the agency root given with
/// it (the only trust anchor, never the OS store), within its
/// validity period, with extended key usage clientAuth and a usable device id as subject CN.
/// Revocation is checked per request by <see cref="RevocationWatcher"/> so it applies without a restart.
/// A chain this policy builds itself (for the TLS 1.2 handshake inspector, before the TLS layer
/// builds its own) is remembered per certificate when it holds, until the first of its
/// certificates expires, in a cache of at most two generations of <see cref="TrustedCacheGeneration"/>
/// certificates: a device that connects again costs its handshake one chain build, not two. A
/// refused chain is never remembered.
/// </summary>
public sealed class DeviceCertificatePolicy
{
    /// <summary>Certificates per generation of the cache of chains that held.</summary>
    public const int TrustedCacheGeneration = 16_384;

    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly object _trustedGate = new();
    private readonly GenerationCache<string, DateTime> _trustedUntil = new(TrustedCacheGeneration, StringComparer.Ordinal);
    private long _chainBuilds;

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

    /// <summary>
    /// The chain policy for the TLS layer to build a client's chain with now: the agency root as
    /// the only anchor, the device CA chain as the only other certificates, no downloads, no
    /// revocation fetch. Given to TLS, the chain is built once, against these certificates,
    /// instead of first against the operating system's store and then again here.
    /// </summary>
    public X509ChainPolicy ChainPolicy() => ChainPolicyAt(_time.GetUtcNow().UtcDateTime);

    /// <summary>Checks <paramref name="certificate"/> (null when the client sent none).</summary>
    public CertificateVerdict Check(X509Certificate2? certificate) => Check(certificate, null);

    /// <summary>
    /// Checks <paramref name="certificate"/> with the chain the TLS layer built for it under
    /// <see cref="ChainPolicy"/> (<paramref name="built"/>; null: built here).
    /// </summary>
    public CertificateVerdict Check(X509Certificate2? certificate, X509Chain? built)
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

        if (!(built is null ? ChainsToDeviceCa(certificate, now) : IsDeviceChain(built, certificate)))
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

    private X509ChainPolicy ChainPolicyAt(DateTime now)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            VerificationTime = now,
            VerificationTimeIgnored = false,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.Add(_anchor);
        policy.ExtraStore.AddRange(_issuers);
        return policy;
    }

    /// <summary>Chains this policy built itself so far (not those the TLS layer built and handed it).</summary>
    public long ChainBuilds => Interlocked.Read(ref _chainBuilds);

    private bool ChainsToDeviceCa(X509Certificate2 certificate, DateTime now)
    {
        string key = Convert.ToHexString(SHA256.HashData(certificate.RawDataMemory.Span));
        lock (_trustedGate)
        {
            if (_trustedUntil.TryGet(key, out DateTime until) && now <= until)
            {
                return true;
            }
        }

        Interlocked.Increment(ref _chainBuilds);
        using var chain = new X509Chain { ChainPolicy = ChainPolicyAt(now) };
        if (!chain.Build(certificate) || !IsDeviceChain(chain, certificate))
        {
            return false;
        }

        DateTime holdsUntil = chain.ChainElements.Min(e => e.Certificate.NotAfter.ToUniversalTime());
        lock (_trustedGate)
        {
            _trustedUntil.Set(key, holdsUntil);
        }

        return true;
    }

    // A chain without errors from this certificate through the device-issuing CA itself (a
    // certificate the root or any other CA under it issued, the server's or a receipt signer's,
    // is not a device certificate) to the agency root. Checked element by element, so a chain
    // the TLS layer built is judged the same as one built here. Usage is left to the caller's
    // own check (the TLS layer asks its chain for client authentication, and a missing usage
    // has its own verdict), as a chain built here never asks for one.
    private bool IsDeviceChain(X509Chain chain, X509Certificate2 certificate)
    {
        X509ChainElementCollection elements = chain.ChainElements;
        return elements.Count >= 2
            && chain.ChainStatus.All(status => (status.Status & ~X509ChainStatusFlags.NotValidForUsage) == X509ChainStatusFlags.NoError)
            && elements[0].Certificate.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)
            && elements[1].Certificate.RawDataMemory.Span.SequenceEqual(_deviceCa.RawDataMemory.Span)
            && elements[^1].Certificate.RawDataMemory.Span.SequenceEqual(_anchor.RawDataMemory.Span);
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
