using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Platform;
using CamAgent.Core.Provisioning;
using CamAgent.Core.SecureElement;
using CamAgent.Core.Tests.SecureElement;

namespace CamAgent.Core.Tests.Provisioning;

public sealed class ProvisioningResponderTests
{
    [Fact]
    public void Hello_Answers_With_The_Protocol_Banner()
    {
        using var fixture = new ChipFixture();
        Assert.Equal("OK CAMAGENT-PROV 1", Responder(fixture, new MemoryStore()).Handle("HELLO"));
    }

    [Fact]
    public void Raw_Digest_Is_Refused_So_The_Link_Cannot_Sign_Manifests()
    {
        using var fixture = new ChipFixture();
        string reply = Responder(fixture, new MemoryStore()).Handle("SIGNCSR " + Convert.ToHexStringLower(SHA256.HashData("manifest"u8)));
        Assert.Equal("ERR not-a-certification-request-info", reply);
        Assert.Equal(0, fixture.Chip.ExecutedCount(AteccProtocol.OpcodeSign));
    }

    [Fact]
    public void Request_Info_For_Another_Key_Is_Refused_With_Key_Mismatch()
    {
        using var fixture = new ChipFixture();
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] info = CertificationRequestInfo(other);
        Assert.Equal("ERR key-mismatch", Responder(fixture, new MemoryStore()).Handle("SIGNCSR " + Convert.ToHexStringLower(info)));
        Assert.Equal(0, fixture.Chip.ExecutedCount(AteccProtocol.OpcodeSign));
    }

    [Fact]
    public void Request_Info_With_The_Chips_Key_Is_Signed_Over_Its_Sha256()
    {
        using var fixture = new ChipFixture();
        var responder = Responder(fixture, new MemoryStore());
        byte[] point = Convert.FromHexString(responder.Handle("PUBKEY")[3..]);
        using ECDsa chipKey = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        byte[] info = CertificationRequestInfo(chipKey);

        string reply = responder.Handle("SIGNCSR " + Convert.ToHexStringLower(info));

        Assert.StartsWith("OK ", reply);
        Assert.True(chipKey.VerifyData(info, Convert.FromHexString(reply[3..]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void GenKey_Is_Refused_Once_A_Certificate_Is_Installed_And_The_Key_Survives()
    {
        using var fixture = new ChipFixture();
        var store = new MemoryStore { Stored = new byte[] { 0x30, 0x00 } };
        var responder = Responder(fixture, store);
        string before = responder.Handle("PUBKEY");
        Assert.Equal("ERR certificate-installed", responder.Handle("GENKEY"));
        Assert.Equal(before, responder.Handle("PUBKEY"));
    }

    [Theory]
    [InlineData("", "ERR empty")]
    [InlineData("FORMAT", "ERR unknown-command")]
    [InlineData("CERT 30zz", "ERR bad-hex")]
    [InlineData("CERT 300", "ERR bad-hex")]
    [InlineData("CERT 0201", "ERR not-a-certificate")]
    [InlineData("CERT 3003020100", "ERR key-mismatch")]
    public void Malformed_Requests_Get_A_Specific_Error_And_Store_Nothing(string line, string expected)
    {
        using var fixture = new ChipFixture();
        var store = new MemoryStore();
        Assert.Equal(expected, Responder(fixture, store).Handle(line));
        Assert.False(store.HasCertificate);
    }

    [Fact]
    public void Overlong_Line_Is_Refused()
    {
        using var fixture = new ChipFixture();
        Assert.Equal("ERR too-long", Responder(fixture, new MemoryStore()).Handle("CERT " + new string('0', ProvisioningResponder.MaxLineChars)));
    }

    private static ProvisioningResponder Responder(ChipFixture fixture, IDeviceCertificateStore store) => new(fixture.Driver, ChipFixture.KeySlot, store);

    // CertificationRequestInfo ::= SEQUENCE { version 0, subject, subjectPKInfo, [0] attributes } (RFC 2986 §4.1).
    private static byte[] CertificationRequestInfo(ECDsa key)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            writer.WriteEncodedValue(new X500DistinguishedName("CN=cam-0001").RawData);
            writer.WriteEncodedValue(key.ExportSubjectPublicKeyInfo());
            using (writer.PushSetOf(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0)))
            {
            }
        }

        return writer.Encode();
    }

    private sealed class MemoryStore : IDeviceCertificateStore
    {
        public byte[]? Stored { get; set; }

        public bool HasCertificate => Stored is not null;

        public bool Write(byte[] certificate, int offset, int count)
        {
            Stored = certificate[offset..(offset + count)];
            return true;
        }
    }
}
