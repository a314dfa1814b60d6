using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CamAgent.Provisioning;
using CamAgent.Verification.Revocation;

namespace CamAgent.Cli.Tests.Provisioning;

/// <summary>The device CA's name constraints, as the .NET chain engine (used by the ingest server) enforces them.</summary>
public sealed class DeviceCaConstraintTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly PkiLayout layout;

    public DeviceCaConstraintTests()
    {
        layout = new PkiLayout(temp.Combine("pki"));
        Assert.True(AgencyPki.Initialize(layout.Root, "Example PD", "evidence.example.gov", null, DateTimeOffset.UtcNow).Ok);
    }

    [Fact]
    public void A_Server_Certificate_Minted_With_The_Device_Ca_Key_Does_Not_Validate()
    {
        using X509Certificate2 deviceCa = AgencyPki.LoadIssuer(layout.DeviceCaCertificate, layout.DeviceCaKey, "device CA", null, DateTimeOffset.UtcNow).Value!;
        using ECDsa key = KeyFiles.NewP256();
        var request = new CertificateRequest(CertificateFactory.Name("Example PD", CertificateFactory.DeviceUnit, "evidence.example.gov"), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("evidence.example.gov");
        request.CertificateExtensions.Add(san.Build());
        using X509Certificate2 forged = request.Create(deviceCa, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1), SerialNumbers.NewSerial());

        Assert.False(PkiAssert.ChainsToDeviceCa(layout, forged, out string status));
        Assert.Contains("HasExcludedNameConstraint", status);
    }

    [Fact]
    public void A_Device_Certificate_Named_Outside_The_Agency_Subtree_Does_Not_Validate()
    {
        using X509Certificate2 deviceCa = AgencyPki.LoadIssuer(layout.DeviceCaCertificate, layout.DeviceCaKey, "device CA", null, DateTimeOffset.UtcNow).Value!;
        using ECDsa key = KeyFiles.NewP256();
        var request = new CertificateRequest(CertificateFactory.Name("Other PD", CertificateFactory.DeviceUnit, "cam-0001"), key, HashAlgorithmName.SHA256);
        using X509Certificate2 forged = request.Create(deviceCa, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1), SerialNumbers.NewSerial());

        Assert.False(PkiAssert.ChainsToDeviceCa(layout, forged, out _));
    }

    [Fact]
    public void Serial_Numbers_Are_Positive_Sixteen_Octets_And_Print_As_32_Hex_Digits()
    {
        for (int i = 0; i < 256; i++)
        {
            byte[] serial = SerialNumbers.NewSerial();
            Assert.Equal(PkiPolicy.SerialNumberBytes, serial.Length);
            Assert.InRange(serial[0], 0x40, 0x7F);
            Assert.Equal(32, SerialNumbers.Canonical(Convert.ToHexString(serial)).Length);
        }
    }

    [Theory]
    [InlineData("00ABCDEF", "ABCDEF")]
    [InlineData("abcdef", "ABCDEF")]
    [InlineData(" 0000FF ", "FF")]
    public void Canonical_Serial_Drops_Leading_Zero_Octets_And_Uppercases(string input, string expected)
    {
        Assert.Equal(expected, SerialNumbers.Canonical(input));
    }

    [Fact]
    public void Revocation_List_Rejects_A_Line_That_Is_Not_A_Serial_And_Names_It()
    {
        Assert.False(RevocationList.TryParse("# header\nABCD\nnot-a-serial # oops\n", out _, out string problem));
        Assert.StartsWith("line 3:", problem);
    }

    public void Dispose() => temp.Dispose();
}
