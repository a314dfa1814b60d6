using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// The device certificate policy remembers a chain it built itself (the TLS 1.2 handshake
/// inspector's, before the TLS layer builds its own) when it held, so a device that connects
/// again costs its handshake one chain build instead of two; refusals are decided afresh.
/// </summary>
public sealed class DeviceChainCacheTests
{
    [Fact]
    public void A_Chain_That_Held_Is_Built_Once_And_The_Certificate_Still_Judged_Each_Time()
    {
        var pki = new TestPki();
        var clock = new ManualTimeProvider();
        var policy = new DeviceCertificatePolicy([pki.DeviceCa, pki.Root], clock);
        using X509Certificate2 device = pki.IssueDevice("cam-again", notAfter: DateTimeOffset.UtcNow.AddDays(2));

        Assert.Equal(CertificateVerdict.Accepted, policy.Check(device));
        Assert.Equal(CertificateVerdict.Accepted, policy.Check(device));
        using (X509Certificate2 sameBytes = X509CertificateLoader.LoadCertificate(device.RawData))
        {
            Assert.Equal(CertificateVerdict.Accepted, policy.Check(sameBytes));
        }

        Assert.Equal(1, policy.ChainBuilds);

        // Its own validity is still judged on every check: past it, refused without a chain build.
        clock.Now = DateTimeOffset.UtcNow.AddDays(3);
        Assert.Equal(CertificateVerdict.Expired, policy.Check(device));
        Assert.Equal(1, policy.ChainBuilds);
    }

    [Fact]
    public void A_Chain_That_Did_Not_Hold_Is_Built_Again_Each_Time()
    {
        var pki = new TestPki();
        var policy = new DeviceCertificatePolicy([pki.DeviceCa, pki.Root], TimeProvider.System);
        var otherAgency = new TestPki("Other Agency");
        using X509Certificate2 foreign = TestPki.IssueDeviceBy("cam-foreign", otherAgency.DeviceCa, otherAgency.DeviceCaKey);

        Assert.Equal(CertificateVerdict.Untrusted, policy.Check(foreign));
        Assert.Equal(CertificateVerdict.Untrusted, policy.Check(foreign));
        Assert.Equal(2, policy.ChainBuilds);

        // A device of this agency next to it is unaffected.
        using X509Certificate2 device = pki.IssueDevice("cam-here");
        Assert.Equal(CertificateVerdict.Accepted, policy.Check(device));
        Assert.Equal(3, policy.ChainBuilds);
    }
}
