using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CamAgent.Core.Board;
using CamAgent.Core.Cose;
using CamAgent.Provisioning.Boards;
using CamAgent.Provisioning.Bundles;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Tests.Bundles;

/// <summary>A bundle's signature checked without Core: .NET's ECDsa over a Sig_structure built here by hand (RFC 9052 §4.4).</summary>
public sealed class BundleInteropTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void The_Signature_Verifies_With_Dotnet_Ecdsa_Over_The_Rfc9052_Sig_Structure()
    {
        AgencyPki pki = AgencyPki.Initialize(temp.Combine("pki"), "Example PD", "evidence.example.gov", null, DateTimeOffset.UtcNow).Value!;
        Assert.True(new DeviceRegistry(pki).EnrolGenerated("cam-0001", null, DateTimeOffset.UtcNow).Ok);
        BoardValidation board = new BoardCatalog(Path.Combine(AppContext.BaseDirectory, "boards")).Load("ai-thinker-esp32-cam").Value!;
        byte[] bundle = new BundleFactory(pki).Create("cam-0001", board, new BundleFactory.Options("PD Fleet", null, null), null, DateTimeOffset.UtcNow).Value!;

        var message = new CoseSign1Message();
        Assert.Equal(CoseStatus.Ok, message.Decode(bundle, 0, bundle.Length));
        byte[] protectedHeader = bundle[message.ProtectedOffset..(message.ProtectedOffset + message.ProtectedLength)];
        byte[] payload = bundle[message.PayloadOffset..(message.PayloadOffset + message.PayloadLength)];
        byte[] signature = bundle[message.SignatureOffset..(message.SignatureOffset + 64)];
        byte[] toBeSigned = [0x84, 0x6A, .. "Signature1"u8, .. ByteString(protectedHeader), 0x40, .. ByteString(payload)];
        using X509Certificate2 signer = X509Certificate2.CreateFromPem(File.ReadAllText(pki.Layout.BundleSignerCertificate));
        using ECDsa key = signer.GetECDsaPublicKey()!;

        Assert.Equal(0xD2, bundle[0]);
        Assert.True(key.VerifyData(toBeSigned, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    private static byte[] ByteString(byte[] content) => content.Length switch
    {
        < 24 => [(byte)(0x40 | content.Length), .. content],
        < 256 => [0x58, (byte)content.Length, .. content],
        < 65536 => [0x59, (byte)(content.Length >> 8), (byte)content.Length, .. content],
        _ => throw new ArgumentException("Too long for this test."),
    };

    public void Dispose() => temp.Dispose();
}
