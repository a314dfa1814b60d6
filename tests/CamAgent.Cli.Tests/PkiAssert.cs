using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Tests;

/// <summary>Chain checks as the ingest server does them: custom root trust, no OS store, EKU clientAuth.</summary>
public static class PkiAssert
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    public static bool ChainsToDeviceCa(PkiLayout layout, X509Certificate2 device, out string status)
    {
        using X509Certificate2 root = X509Certificate2.CreateFromPem(File.ReadAllText(layout.RootCaCertificate));
        using X509Certificate2 deviceCa = X509Certificate2.CreateFromPem(File.ReadAllText(layout.DeviceCaCertificate));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(deviceCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthOid));
        bool built = chain.Build(device);
        status = string.Join("; ", chain.ChainStatus.Select(s => s.Status + ": " + s.StatusInformation));
        return built;
    }
}
