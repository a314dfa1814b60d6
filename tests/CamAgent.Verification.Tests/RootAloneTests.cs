using System.Security.Cryptography.X509Certificates;
using CamAgent.Tests.Support;

namespace CamAgent.Verification.Tests;

/// <summary>
/// A court holding only the agency root can verify a store that keeps the device-issuing CA in
/// its issuers folder (docs/evidence-format.md §7.1); without it, the report says which
/// certificate is missing. Store certificates complete chains but are never trusted themselves.
/// </summary>
public class RootAloneTests
{
    [Fact]
    public void A_Store_Keeping_Its_Device_Ca_Verifies_With_The_Root_Alone()
    {
        using VerifierFixture fixture = Populated();
        KeepIssuer(fixture, fixture.Pki.DeviceCaCertificate!);

        VerificationReport report = VerifyWithRootOnly(fixture);

        Assert.True(report.IsValid, VerifierFixture.Describe(report));
    }

    [Fact]
    public void Without_The_Device_Ca_The_Root_Alone_Fails_Naming_The_Missing_Issuer()
    {
        using VerifierFixture fixture = Populated();

        VerificationReport report = VerifyWithRootOnly(fixture);

        Finding first = VerifierFixture.Errors(report).First();
        Assert.Equal(FindingKind.BadCertificate, first.Kind);
        Assert.Contains("give the device-issuing CA", first.Message, StringComparison.Ordinal);
        Assert.Contains(fixture.Pki.DeviceCaCertificate!.Subject, first.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Impostor_Root_And_Ca_Planted_In_The_Issuers_Folder_Are_Not_Trusted()
    {
        using VerifierFixture fixture = Populated();
        KeepIssuer(fixture, fixture.Pki.DeviceCaCertificate!);
        using var impostor = new TestPki("Impostor Root", withDeviceCa: true);
        KeepIssuer(fixture, impostor.CaCertificate);
        KeepIssuer(fixture, impostor.DeviceCaCertificate!);
        using var forger = new TestDevice(impostor, "cam-0002", ChainBuilder.ChunkSize);
        fixture.Store.Put(forger, forger.SealSegment(new byte[10]), new byte[10]);

        VerificationReport report = VerifyWithRootOnly(fixture);

        Assert.Contains(VerifierFixture.Errors(report), f => f.DeviceId == "cam-0002" && f.Kind == FindingKind.BadCertificate);
        Assert.DoesNotContain(VerifierFixture.Errors(report), f => f.DeviceId == "cam-0001");
    }

    private static VerifierFixture Populated()
    {
        var fixture = new VerifierFixture(withDeviceCa: true);
        new ChainBuilder(fixture.Device, fixture.Store, new Random(7)).Build(4, events: false);
        return fixture;
    }

    private static VerificationReport VerifyWithRootOnly(VerifierFixture fixture)
    {
        var options = new VerificationOptions([fixture.Pki.CaCertificate]);
        VerificationReport? report = EvidenceVerifier.Verify(fixture.Store.Root, options, out string? problem);
        Assert.True(report is not null, problem);
        return report!;
    }

    private static void KeepIssuer(VerifierFixture fixture, X509Certificate2 certificate)
    {
        string folder = Path.Combine(fixture.Store.Root, EvidenceStore.IssuersFolder);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, certificate.Thumbprint + EvidenceStore.IssuerFileSuffix), certificate.ExportCertificatePem());
    }
}
