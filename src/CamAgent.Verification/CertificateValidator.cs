using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Verification;

/// <summary>
/// Validates x5chain certificates against the agency's certificates alone: custom root trust
/// (never the system store) anchored at the agency root CA, with the agency's intermediate CAs
/// (e.g. the device-issuing CA) as the only other certificates it may use; no network access
/// (no revocation fetch, no AIA downloads); end-entity only;
/// P-256 key, and the required extended key usage. Time validity is left to the caller, who knows
/// when the signature was made. Results are cached per distinct chain, so a device's thousands
/// of records cost one chain build. The cache is bounded: it keeps two generations of at most
/// <see cref="DefaultCacheGeneration"/> chains each; a chain asked for again moves into the
/// current generation, and when that is full the older one is dropped. A fleet's chains in use
/// stay cached, and a client sending ever new chains (each manifest can carry any) costs one
/// chain build each but no memory beyond the bound. Not thread-safe.
/// </summary>
public sealed class CertificateValidator : IDisposable
{
    /// <summary>id-kp-clientAuth (RFC 5280 §4.2.1.12): device certificates are TLS client certificates.</summary>
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private const int P256KeySizeBits = 256;

    /// <summary>Chains per cache generation unless the constructor is given another number: two generations hold at most twice as many.</summary>
    public const int DefaultCacheGeneration = 16_384;

    private readonly X509Certificate2[] _anchors;
    private readonly X509Certificate2[] _intermediates;
    private readonly GenerationCache<string, CertificateCheck> _cache;

    /// <summary>
    /// Self-signed certificates in <paramref name="agencyCertificates"/> are the trust anchors, the
    /// others intermediates; when none is self-signed (a device-issuing CA given alone), all are anchors.
    /// <paramref name="untrustedIssuers"/> (e.g. the device-issuing CA a store keeps) may complete a
    /// chain to those anchors but are never anchors themselves, even when self-signed.
    /// </summary>
    /// <param name="cacheGeneration">Chains per cache generation (at least 1).</param>
    public CertificateValidator(IReadOnlyCollection<X509Certificate2> agencyCertificates, IReadOnlyCollection<X509Certificate2>? untrustedIssuers = null, int cacheGeneration = DefaultCacheGeneration)
    {
        ArgumentNullException.ThrowIfNull(agencyCertificates);
        if (agencyCertificates.Count == 0)
        {
            throw new ArgumentException("at least one agency certificate is needed", nameof(agencyCertificates));
        }

        _cache = new GenerationCache<string, CertificateCheck>(cacheGeneration, StringComparer.Ordinal); // refuses a generation below 1
        _anchors = agencyCertificates.Where(IsSelfIssued).ToArray();
        _intermediates = agencyCertificates.Where(c => !IsSelfIssued(c)).ToArray();
        if (_anchors.Length == 0)
        {
            _anchors = _intermediates;
            _intermediates = Array.Empty<X509Certificate2>();
        }

        if (untrustedIssuers is not null)
        {
            _intermediates = _intermediates.Concat(untrustedIssuers.Where(c => !IsSelfIssued(c))).ToArray();
        }
    }

    // The usual cause: the device-issuing CA is in neither the given certificates nor the store.
    private static string MissingIssuerHint(X509Chain chain)
    {
        if (!chain.ChainStatus.Any(s => s.Status == X509ChainStatusFlags.PartialChain) || chain.ChainElements.Count == 0)
        {
            return string.Empty;
        }

        X509Certificate2 last = chain.ChainElements[^1].Certificate;
        return $" (its issuer '{last.Issuer}' is neither among the given agency certificates nor in the store's issuers folder: give the device-issuing CA too, e.g. --ca ca/device-ca.crt.pem)";
    }

    private static bool IsSelfIssued(X509Certificate2 certificate)
    {
        return certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
    }

    /// <summary>
    /// Checks the chain whose leaf is <paramref name="chainDer"/>[0] (intermediates follow).
    /// <paramref name="requiredEku"/> is an EKU OID the leaf must carry, or null.
    /// </summary>
    public CertificateCheck Check(IReadOnlyList<byte[]> chainDer, string? requiredEku)
    {
        ArgumentNullException.ThrowIfNull(chainDer);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (byte[] der in chainDer)
        {
            hash.AppendData(SHA256.HashData(der));
        }

        string key = Convert.ToHexString(hash.GetHashAndReset()) + "|" + requiredEku;
        if (_cache.TryGet(key, out CertificateCheck? check))
        {
            return check;
        }

        Misses++;
        try
        {
            check = Build(chainDer, requiredEku);
        }
        catch (CryptographicException exception)
        {
            // Damaged certificates parse lazily: a broken field surfaces only when it is read.
            check = Refuse("the certificate is damaged: " + exception.Message);
        }

        // Results the cache drops are not disposed: a caller may still hold one it was given
        // (their handles are released when collected).
        _cache.Set(key, check);
        return check;
    }

    /// <summary>Chains whose result is cached now (at most twice the generation size).</summary>
    public int CachedChains => _cache.Count;

    /// <summary>Chains checked from the start so far: the cache did not hold them.</summary>
    public long Misses { get; private set; }

    public void Dispose()
    {
        foreach (CertificateCheck check in _cache.Values)
        {
            check.PublicKey?.Dispose();
            check.Certificate?.Dispose();
        }

        _cache.Clear();
    }

    private static CertificateCheck Refuse(string problem)
    {
        return new CertificateCheck(null, null, string.Empty, DateTimeOffset.MaxValue, DateTimeOffset.MinValue, problem);
    }

    private CertificateCheck Build(IReadOnlyList<byte[]> chainDer, string? requiredEku)
    {
        if (chainDer.Count == 0)
        {
            return Refuse("no certificate");
        }

        var loaded = new List<X509Certificate2>();
        try
        {
            foreach (byte[] der in chainDer)
            {
                loaded.Add(X509CertificateLoader.LoadCertificate(der));
            }
        }
        catch (CryptographicException exception)
        {
            loaded.ForEach(c => c.Dispose());
            return Refuse("certificate is not valid DER X.509: " + exception.Message);
        }

        X509Certificate2 leaf = loaded[0];
        DateTimeOffset notBefore = DateTimeOffset.MaxValue;
        DateTimeOffset notAfter = DateTimeOffset.MinValue;
        string? problem;
        try
        {
            problem = CheckLeaf(leaf, requiredEku);
        }
        catch (CryptographicException exception)
        {
            problem = "the certificate's public key cannot be read: " + exception.Message;
        }

        if (problem is null)
        {
            problem = CheckChain(leaf, loaded.Skip(1), requiredEku, out notBefore, out notAfter);
        }

        loaded.Skip(1).ToList().ForEach(c => c.Dispose());
        if (problem is not null)
        {
            leaf.Dispose();
            return Refuse(problem);
        }

        ECDsa publicKey = leaf.GetECDsaPublicKey()!;
        string commonName = leaf.GetNameInfo(X509NameType.SimpleName, false);
        return new CertificateCheck(leaf, publicKey, commonName, notBefore, notAfter, null);
    }

    private static string? CheckLeaf(X509Certificate2 leaf, string? requiredEku)
    {
        using ECDsa? key = leaf.GetECDsaPublicKey();
        if (key is null || key.KeySize != P256KeySizeBits)
        {
            return "the certificate key is not ECDSA P-256";
        }

        if (leaf.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
        {
            return "the signer certificate is a CA certificate";
        }

        if (requiredEku is not null)
        {
            X509EnhancedKeyUsageExtension? eku = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
            if (eku is null || !eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == requiredEku))
            {
                return $"the certificate lacks the extended key usage {requiredEku}";
            }
        }

        return null;
    }

    private string? CheckChain(X509Certificate2 leaf, IEnumerable<X509Certificate2> intermediates, string? requiredEku, out DateTimeOffset notBefore, out DateTimeOffset notAfter)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_anchors);
        chain.ChainPolicy.ExtraStore.AddRange(_intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;

        // Validity is judged at signing time by the caller, not at verification time.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        chain.ChainPolicy.ExtraStore.AddRange(intermediates.ToArray());
        if (requiredEku is not null)
        {
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(requiredEku));
        }

        bool built = chain.Build(leaf);
        notBefore = DateTimeOffset.MinValue;
        notAfter = DateTimeOffset.MaxValue;
        foreach (X509ChainElement element in chain.ChainElements)
        {
            DateTimeOffset from = new(element.Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
            DateTimeOffset until = new(element.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            notBefore = from > notBefore ? from : notBefore;
            notAfter = until < notAfter ? until : notAfter;
        }

        X509ChainElement? root = chain.ChainElements.Count > 0 ? chain.ChainElements[^1] : null;
        if (!built || root is null || !_anchors.Any(a => a.RawDataMemory.Span.SequenceEqual(root.Certificate.RawDataMemory.Span)))
        {
            string status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0));
            return "the certificate does not chain to the agency CA" + (status.Length > 0 ? ": " + status : string.Empty) + MissingIssuerHint(chain);
        }

        return null;
    }
}
