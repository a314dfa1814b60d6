using System.Security.Cryptography;
using CamAgent.Core.Cose;
using CamAgent.Host.Crypto;
using CamAgent.Tests.Support;

namespace CamAgent.Verification.Tests;

/// <summary>
/// Without a pinned receipt signer, a receipt verifies only when its signer carries the
/// receipt-signing extended key usage (docs/evidence-format.md §6.1): the same receipt re-signed
/// with another agency key — the server's TLS key, the bundle-signing key — is refused.
/// </summary>
public class ReceiptSignerUsageTests
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    [Fact]
    public void The_Test_Store_Signs_Receipts_With_The_Receipt_Signing_Usage()
    {
        Assert.Equal(ReceiptSigningUsage.Oid, TestStore.ReceiptSigningUsage);
    }

    [Theory]
    [InlineData(ServerAuth, "an agency certificate for TLS servers")]
    [InlineData(null, "an agency signing certificate without usage (bundle signing)")]
    public void A_Receipt_Re_Signed_With_Another_Agency_Key_Is_Invalid(string? eku, string what)
    {
        using var fixture = new VerifierFixture();
        fixture.Store.Put(fixture.Device, fixture.Device.SealSegment(new byte[300]), new byte[300]);
        using HostEcdsaSigner other = HostEcdsaSigner.CreateRandom();
        byte[] certificate = fixture.Pki.IssueSigner("Agency Other Key", other.Key, eku);
        string receiptPath = fixture.Store.PathOf(fixture.Device.DeviceId, 0, "receipt.cose");
        File.WriteAllBytes(receiptPath, ReSign(File.ReadAllBytes(receiptPath), other, certificate));

        VerificationReport report = fixture.Verify();

        Assert.False(report.IsValid, what);
        Finding error = Assert.Single(VerifierFixture.Errors(report));
        Assert.Equal(FindingKind.ReceiptInvalid, error.Kind);
        Assert.Contains(ReceiptSigningUsage.Oid, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Receipt_Signed_By_A_Certificate_With_The_Usage_Verifies_Without_Pinning()
    {
        using var fixture = new VerifierFixture();
        fixture.Store.Put(fixture.Device, fixture.Device.SealSegment(new byte[300]), new byte[300]);

        VerificationReport report = fixture.Verify();

        Assert.True(report.IsValid, VerifierFixture.Describe(report));
        Assert.True(Assert.Single(Assert.Single(report.Devices).Records).ReceiptVerified);
    }

    private static byte[] ReSign(byte[] receipt, HostEcdsaSigner signer, byte[] certificate)
    {
        var message = new CoseSign1Message();
        Assert.Equal(CoseStatus.Ok, message.Decode(receipt, 0, receipt.Length));
        byte[] payload = receipt.AsSpan(message.PayloadOffset, message.PayloadLength).ToArray();
        byte[] output = new byte[CoseSign1Encoder.EncodedSize(certificate.Length, payload.Length)];
        Assert.Equal(CoseStatus.Ok, new CoseSign1Encoder().Sign(signer, certificate, 0, certificate.Length, payload, 0, payload.Length, output, 0, output.Length, out _));
        Assert.NotEqual(SHA256.HashData(receipt), SHA256.HashData(output));
        return output;
    }
}
