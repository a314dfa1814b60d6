using System.Text;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Platform;
using CamAgent.Core.Provisioning;
using CamAgent.Host.Crypto;

namespace CamAgent.Core.Tests.Provisioning;

/// <summary>Device-side bundle checks (docs/device-bundle.md) against bundles signed with Core's COSE encoder and a .NET key.</summary>
public sealed class BundleReaderTests : IDisposable
{
    private static readonly byte[] Config = Encoding.ASCII.GetBytes("config.version = 1\nconfig.serial = 3\n");
    private static readonly byte[] Board = Encoding.ASCII.GetBytes("{\"schema\":\"camagent-board/1\"}");
    private static readonly byte[] Certificate = Encoding.ASCII.GetBytes("bundle-signing certificate bytes");

    private readonly HostEcdsaSigner _agency = HostEcdsaSigner.CreateRandom();
    private readonly HostEcdsaSigner _stranger = HostEcdsaSigner.CreateRandom();
    private readonly BundleReader _reader = new();
    private readonly DeviceBundle _bundle = new();

    public void Dispose()
    {
        _agency.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public void First_Provisioning_Accepts_A_Self_Consistent_Bundle_And_Exposes_Its_Parts()
    {
        byte[] encoded = Sign(_agency, Payload(PublicKey(_agency)));

        BundleStatus status = _reader.Read(encoded, 0, encoded.Length, null, _bundle);

        Assert.Equal(BundleStatus.Ok, status);
        Assert.Equal("cam-0042", _bundle.DeviceId);
        Assert.Equal(Config, Slice(encoded, _bundle.ConfigOffset, _bundle.ConfigLength));
        Assert.Equal(Board, Slice(encoded, _bundle.BoardOffset, _bundle.BoardLength));
        Assert.Equal(1767225600L, _bundle.IssuedAtSeconds);
        Assert.Equal(PublicKey(_agency), Slice(encoded, _bundle.SignerKeyOffset, BundleReader.SignerKeyBytes));
    }

    [Fact]
    public void Later_Bundle_Signed_By_The_Pinned_Key_Is_Accepted()
    {
        byte[] encoded = Sign(_agency, Payload(PublicKey(_agency)));

        Assert.Equal(BundleStatus.Ok, _reader.Read(encoded, 0, encoded.Length, PublicKey(_agency), _bundle));
    }

    [Fact]
    public void Bundle_From_Another_Signer_Is_Refused_Once_A_Key_Is_Pinned()
    {
        byte[] encoded = Sign(_stranger, Payload(PublicKey(_stranger)));

        Assert.Equal(BundleStatus.SignerNotPinned, _reader.Read(encoded, 0, encoded.Length, PublicKey(_agency), _bundle));
    }

    [Fact]
    public void Bundle_Naming_The_Pinned_Key_But_Signed_By_Another_Is_Refused()
    {
        byte[] encoded = Sign(_stranger, Payload(PublicKey(_agency)));

        Assert.Equal(BundleStatus.BadSignature, _reader.Read(encoded, 0, encoded.Length, PublicKey(_agency), _bundle));
        Assert.Equal(BundleStatus.BadSignature, _reader.Read(encoded, 0, encoded.Length, null, _bundle));
    }

    [Fact]
    public void Every_Single_Byte_Change_Of_A_Bundle_Is_Refused()
    {
        byte[] encoded = Sign(_agency, Payload(PublicKey(_agency)));
        byte[] pinned = PublicKey(_agency);
        for (int i = 0; i < encoded.Length; i++)
        {
            byte[] tampered = (byte[])encoded.Clone();
            tampered[i] ^= 0x01;
            BundleStatus status = _reader.Read(tampered, 0, tampered.Length, pinned, _bundle);
            Assert.True(status != BundleStatus.Ok, $"a flipped bit at byte {i} was accepted");
        }

        Assert.Equal(BundleStatus.Ok, _reader.Read(encoded, 0, encoded.Length, pinned, _bundle));
    }

    [Fact]
    public void Payload_With_Keys_Out_Of_Order_Is_Malformed()
    {
        byte[] encoded = Sign(_agency, Payload(PublicKey(_agency), swapConfigAndBoard: true));

        Assert.Equal(BundleStatus.MalformedPayload, _reader.Read(encoded, 0, encoded.Length, null, _bundle));
    }

    [Fact]
    public void Trailing_Bytes_After_The_Message_Are_Refused()
    {
        byte[] encoded = Sign(_agency, Payload(PublicKey(_agency)));
        byte[] longer = new byte[encoded.Length + 1];
        encoded.CopyTo(longer, 0);

        Assert.Equal(BundleStatus.NotCoseSign1, _reader.Read(longer, 0, longer.Length, null, _bundle));
    }

    private static byte[] PublicKey(ISigner signer)
    {
        byte[] key = new byte[BundleReader.SignerKeyBytes];
        Assert.Equal(SignerStatus.Ok, signer.GetPublicKey(key, 0));
        return key;
    }

    private static byte[] Payload(byte[] signerKey, bool swapConfigAndBoard = false)
    {
        byte[] buffer = new byte[512];
        var writer = new CborWriter(buffer, 0, buffer.Length);
        writer.WriteMapHeader(6);
        writer.WriteUInt64(1);
        writer.WriteUInt64(1);
        writer.WriteUInt64(2);
        writer.WriteTextString("cam-0042");
        writer.WriteUInt64(swapConfigAndBoard ? 4UL : 3UL);
        writer.WriteByteString(Config, 0, Config.Length);
        writer.WriteUInt64(swapConfigAndBoard ? 3UL : 4UL);
        writer.WriteByteString(Board, 0, Board.Length);
        writer.WriteUInt64(5);
        writer.WriteUInt64(1767225600);
        writer.WriteUInt64(6);
        writer.WriteByteString(signerKey, 0, signerKey.Length);
        Assert.Equal(CborStatus.Ok, writer.Status);
        return buffer[..writer.Length];
    }

    private static byte[] Sign(ISigner signer, byte[] payload)
    {
        byte[] output = new byte[CoseSign1Encoder.EncodedSize(Certificate.Length, payload.Length)];
        CoseStatus status = new CoseSign1Encoder().Sign(signer, Certificate, 0, Certificate.Length, payload, 0, payload.Length, output, 0, output.Length, out int written);
        Assert.Equal(CoseStatus.Ok, status);
        Assert.Equal(output.Length, written);
        return output;
    }

    private static byte[] Slice(byte[] buffer, int offset, int length) => buffer[offset..(offset + length)];
}
