using CamAgent.Core.Tests.Config;
using CamAgent.Core.Tests.Support;
using CamAgent.Core.X509;

namespace CamAgent.Core.Tests.X509;

public sealed class CertificateFactsTests : IClassFixture<CredentialsFixture>
{
    private readonly TestCredentials _creds;

    public CertificateFactsTests(CredentialsFixture fixture) => _creds = fixture.Credentials;

    [Fact]
    public void Reads_CA_Flag_Common_Name_And_P256_Key_Of_A_Device_Certificate()
    {
        var facts = new CertificateFacts();
        Assert.True(facts.Parse(_creds.DeviceCertificateDer));
        Assert.False(facts.IsCertificateAuthority);
        Assert.Equal(TestCredentials.DeviceId, facts.SubjectCommonName);
        Assert.True(facts.HasP256Key);
        Assert.Equal(TestCredentials.Point(_creds.DeviceKey), facts.PublicKey);

        Assert.True(facts.Parse(_creds.AgencyCaDer));
        Assert.True(facts.IsCertificateAuthority);
        Assert.Equal("Test Agency CA", facts.SubjectCommonName);
    }

    [Fact]
    public void Survives_Fifty_Thousand_Mutated_Certificates_Without_An_Exception()
    {
        var rng = new Random(4242);
        var facts = new CertificateFacts();
        int accepted = 0;
        for (int i = 0; i < 50_000; i++)
        {
            byte[] der = (rng.Next(2) == 0 ? _creds.DeviceCertificateDer : _creds.AgencyCaDer).ToArray();
            int flips = rng.Next(1, 4);
            for (int f = 0; f < flips; f++)
            {
                der[rng.Next(der.Length)] = (byte)rng.Next(256);
            }

            if (rng.Next(4) == 0)
            {
                der = der[..rng.Next(der.Length)];
            }

            if (facts.Parse(der))
            {
                accepted++;
            }
        }

        // Flips inside values (signature, dates, names) keep the framing: some must still parse.
        Assert.InRange(accepted, 1, 49_999);
    }

    [Theory]
    [InlineData(new byte[] { 0x30, 0x81, 0x05, 0, 0, 0, 0, 0 })] // non-minimal length
    [InlineData(new byte[] { 0x30, 0x80, 0x00, 0x00 })] // indefinite length
    [InlineData(new byte[] { 0x30, 0x05, 0x02, 0x01 })] // length past the end
    [InlineData(new byte[] { 0x1F, 0x01, 0x00 })] // high tag number form
    public void Refuses_Non_Der_Framing(byte[] der)
    {
        Assert.False(new CertificateFacts().Parse(der));
    }
}
