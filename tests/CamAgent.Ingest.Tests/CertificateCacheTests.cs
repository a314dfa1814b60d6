using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Verification;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// The certificate checks the ingest server caches for manifests (every manifest names its own
/// chain, checked before the request's connection certificate is compared): the chains a fleet
/// uses stay cached, and a client that sends ever new chains adds no memory beyond two
/// generations of the cache.
/// </summary>
public sealed class CertificateCacheTests
{
    private const int Generation = 4;

    [Fact]
    public void Keeps_The_Chains_In_Use_And_Holds_At_Most_Two_Generations_However_Many_Chains_Arrive()
    {
        var pki = new TestPki();
        using var validator = new CertificateValidator([pki.Root, pki.DeviceCa], cacheGeneration: Generation);
        X509Certificate2[] fleet = Enumerable.Range(0, 3).Select(i => pki.IssueDevice("cam-cache-" + i)).ToArray();
        List<byte[]> ChainOf(X509Certificate2 device) => [device.RawData, pki.DeviceCa.RawData];
        foreach (X509Certificate2 device in fleet)
        {
            Assert.Null(validator.Check(ChainOf(device), CertificateValidator.ClientAuthOid).Problem);
        }

        Assert.Equal(3, validator.Misses);

        // 100 chains never seen before (each refused), while the fleet goes on being asked for.
        for (int i = 0; i < 100; i++)
        {
            Assert.StartsWith("certificate is not valid DER", validator.Check([RandomNumberGenerator.GetBytes(300)], CertificateValidator.ClientAuthOid).Problem);
            Assert.InRange(validator.CachedChains, 1, 2 * Generation);
            foreach (X509Certificate2 device in fleet)
            {
                Assert.Null(validator.Check(ChainOf(device), CertificateValidator.ClientAuthOid).Problem);
            }
        }

        Assert.Equal(3 + 100, validator.Misses);

        // A chain not asked for during two generations is dropped, and checked again when it returns.
        for (int i = 0; i < 2 * Generation; i++)
        {
            validator.Check([RandomNumberGenerator.GetBytes(300)], CertificateValidator.ClientAuthOid);
        }

        long before = validator.Misses;
        Assert.Null(validator.Check(ChainOf(fleet[0]), CertificateValidator.ClientAuthOid).Problem);
        Assert.Equal(before + 1, validator.Misses);
        Assert.InRange(validator.CachedChains, 1, 2 * Generation);
    }

    [Fact]
    public void A_Generation_Must_Hold_At_Least_One_Chain()
    {
        var pki = new TestPki();
        Assert.Throws<ArgumentOutOfRangeException>(() => new CertificateValidator([pki.Root], cacheGeneration: 0));
    }
}
