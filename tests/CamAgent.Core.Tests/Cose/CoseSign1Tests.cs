using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;
using CamAgent.Host.Crypto;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Cose;

public class CoseSign1Tests
{
    private static byte[] Sign(ISigner signer, byte[] certificate, byte[] payload)
    {
        var encoder = new CoseSign1Encoder();
        byte[] output = new byte[CoseSign1Encoder.EncodedSize(certificate.Length, payload.Length)];
        Assert.Equal(CoseStatus.Ok, encoder.Sign(signer, certificate, 0, certificate.Length, payload, 0, payload.Length, output, 0, output.Length, out int written));
        Assert.Equal(output.Length, written);
        return output;
    }

    [Fact]
    public void Signed_Message_Decodes_And_Verifies_With_The_Certificate_Key()
    {
        using var pki = new TestPki();
        using var signer = HostEcdsaSigner.CreateRandom();
        byte[] certificate = pki.IssueDevice("cam-7", signer.Key);
        byte[] payload = "payload bytes"u8.ToArray();
        byte[] message = Sign(signer, certificate, payload);

        var view = new CoseSign1Message();
        Assert.Equal(CoseStatus.Ok, view.Decode(message, 0, message.Length));
        Assert.Equal(payload, message.AsSpan(view.PayloadOffset, view.PayloadLength).ToArray());
        Assert.Equal(certificate, message.AsSpan(view.GetCertificateOffset(0), view.GetCertificateLength(0)).ToArray());
        Assert.Equal(1, view.CertificateCount);
        Assert.True(TestDevice.VerifyWithDotNet(message));
    }

    [Fact]
    public void Signature_Input_Is_The_Rfc9052_Sig_Structure()
    {
        byte[] protectedHeader = Convert.FromHexString("a10126");
        byte[] payload = "abc"u8.ToArray();
        byte[] expected = System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(
            "84" + "6a" + Convert.ToHexString("Signature1"u8) + "43a10126" + "40" + "43616263"));
        byte[] digest = new byte[32];
        CoseSigStructure.ComputeDigest(new Sha256(), new byte[9], protectedHeader, 0, 3, payload, 0, 3, digest, 0);
        Assert.Equal(expected, digest);
    }

    [Fact]
    public void Every_Single_Bit_Flip_Is_Refused_By_Decode_Or_Signature()
    {
        using var pki = new TestPki();
        using var signer = HostEcdsaSigner.CreateRandom();
        byte[] certificate = pki.IssueDevice("cam-7", signer.Key);
        byte[] message = Sign(signer, certificate, new byte[40]);
        for (int i = 0; i < message.Length; i++)
        {
            byte[] tampered = (byte[])message.Clone();
            tampered[i] ^= (byte)(1 << (i % 8));
            Assert.False(TestDevice.VerifyWithDotNet(tampered), $"flip at byte {i} went unnoticed");
        }
    }

    [Fact]
    public void Too_Small_Output_Is_A_Status_And_Nothing_Is_Signed()
    {
        var signer = new CountingSigner();
        var encoder = new CoseSign1Encoder();
        byte[] output = new byte[50];
        Assert.Equal(CoseStatus.BufferTooSmall, encoder.Sign(signer, new byte[10], 0, 10, new byte[10], 0, 10, output, 0, output.Length, out int written));
        Assert.Equal(0, written);
        Assert.Equal(0, signer.Calls);
    }

    [Fact]
    public void Signer_Failure_Is_Reported_With_The_Signer_Status()
    {
        var signer = new CountingSigner { Answer = SignerStatus.Busy };
        var encoder = new CoseSign1Encoder();
        byte[] output = new byte[CoseSign1Encoder.EncodedSize(10, 10)];
        Assert.Equal(CoseStatus.SignerFailed, encoder.Sign(signer, new byte[10], 0, 10, new byte[10], 0, 10, output, 0, output.Length, out _));
        Assert.Equal(SignerStatus.Busy, encoder.LastSignerStatus);
    }

    [Theory]
    [InlineData("", CoseStatus.NotCoseSign1)]
    [InlineData("d3", CoseStatus.NotCoseSign1)]
    [InlineData("d283", CoseStatus.NotCoseSign1)]
    [InlineData("d28440a0", CoseStatus.MalformedCbor)]
    [InlineData("d28443a10126a0f65840" + "00", CoseStatus.UnsupportedHeader)]
    [InlineData("d2845824a20126182158" + "1e" + "00", CoseStatus.MalformedCbor)]
    public void Malformed_Messages_Are_Refused_With_A_Status(string hex, CoseStatus expected)
    {
        byte[] data = Convert.FromHexString(hex);
        Assert.Equal(expected, new CoseSign1Message().Decode(data, 0, data.Length));
    }

    [Fact]
    public void Detached_Payload_And_Short_Signature_Are_Refused()
    {
        var writer = new CborWriter(new byte[64], 0, 64);
        byte[] header = Convert.FromHexString("a201261821" + "41ff");
        byte[] buffer = new byte[64];
        buffer[0] = CoseConstants.Sign1TagByte;
        writer.Reset(buffer, 1, 63);
        writer.WriteArrayHeader(4);
        writer.WriteByteString(header, 0, header.Length);
        writer.WriteMapHeader(0);
        writer.WriteNull();
        writer.WriteByteString(new byte[64], 0, 0);
        Assert.Equal(CoseStatus.DetachedPayload, new CoseSign1Message().Decode(buffer, 0, 1 + writer.Length));

        writer.Reset(buffer, 1, 63);
        writer.WriteArrayHeader(4);
        writer.WriteByteString(header, 0, header.Length);
        writer.WriteMapHeader(0);
        writer.WriteByteString(new byte[1], 0, 1);
        writer.WriteByteString(new byte[63], 0, 10);
        Assert.Equal(CoseStatus.BadSignatureLength, new CoseSign1Message().Decode(buffer, 0, 1 + writer.Length));
    }

    /// <summary>A signer that answers as told and counts calls (a secure element that is busy cannot be produced here).</summary>
    private sealed class CountingSigner : ISigner
    {
        public SignerStatus Answer { get; init; } = SignerStatus.Ok;

        public int Calls { get; private set; }

        public SignerKind Kind => SignerKind.SecureElement;

        public SignerStatus GetPublicKey(byte[] publicKey, int offset) => SignerStatus.NoKey;

        public SignerStatus SignDigest(byte[] digest, int digestOffset, byte[] signature, int signatureOffset)
        {
            Calls++;
            return Answer;
        }
    }
}
