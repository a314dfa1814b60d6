using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Ingest.Tls;

/// <summary>
/// Refuses, before the server listens, a device CA setting under which no enrolled camera could
/// ever be accepted (docs/ingest-server.md §2): the certificates must start with the
/// device-issuing CA and end with the self-signed agency root it chains to, every one a CA valid
/// now. Each refusal is one sentence naming the file and what to change.
/// </summary>
public static class DeviceTrustSetup
{
    /// <summary>Throws <see cref="IngestConfigurationException"/> when <paramref name="chain"/> (device CA first) cannot accept a device.</summary>
    public static void Check(X509Certificate2Collection chain, string source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chain);
        X509Certificate2 deviceCa = chain[0];
        X509Certificate2 anchor = chain[^1];
        if (chain.Count > 1 && IsSelfIssued(deviceCa))
        {
            Refuse(source, $"starts with the self-signed '{deviceCa.Subject}'; the device-issuing CA must come first, its issuers after it");
        }

        if (!IsSelfIssued(anchor))
        {
            Refuse(source, $"holds the device-issuing CA '{deviceCa.Subject}' without the agency root that issued it ('{deviceCa.Issuer}'): set rootCaPath to the root CA certificate (ca/root-ca.crt.pem) or append it to deviceCaPath");
        }

        foreach (X509Certificate2 certificate in chain)
        {
            if (!certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
            {
                Refuse(source, $"holds '{certificate.Subject}', which is not a CA certificate");
            }

            if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
            {
                Refuse(source, $"holds '{certificate.Subject}', which is not valid now (valid {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u})");
            }
        }

        CheckChain(chain, source, now);
    }

    private static void CheckChain(X509Certificate2Collection chain, string source, DateTimeOffset now)
    {
        using var build = new X509Chain();
        build.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        build.ChainPolicy.CustomTrustStore.Add(chain[^1]);
        for (int i = 1; i < chain.Count - 1; i++)
        {
            build.ChainPolicy.ExtraStore.Add(chain[i]);
        }

        build.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        build.ChainPolicy.DisableCertificateDownloads = true;
        build.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (!build.Build(chain[0]))
        {
            string status = string.Join("; ", build.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0));
            Refuse(source, $"holds a device-issuing CA '{chain[0].Subject}' that does not chain to the root '{chain[^1].Subject}' ({status})");
        }
    }

    private static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    private static void Refuse(string source, string reason) =>
        throw new IngestConfigurationException($"The device CA setting ({source}) {reason}; no camera could be accepted.");
}
