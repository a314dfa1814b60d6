using System.Security.Cryptography;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.SecureElement;
using CamAgent.Host.Crypto;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.SecureElement;

public sealed class SecureElementSignerTests
{
    private const string DeviceId = "cam-se-0001";

    [Fact]
    public void Manifest_Sealed_With_The_Chip_Verifies_With_DotNet_And_Records_SignerKind_SecureElement()
    {
        using var fixture = new ChipFixture();
        using var pki = new TestPki();
        var signer = new SecureElementSigner(fixture.Driver, ChipFixture.KeySlot);
        byte[] certificate = IssueFor(pki, signer);
        var sealer = new Sealer(new HostHmacSha256Factory(), signer, certificate, DeviceId, 256);
        var chain = new ChainState();
        byte[] output = new byte[sealer.MaxRecordBytes];

        Assert.Equal(SealStatus.Ok, sealer.SealSegment(new MemoryStream(RandomNumberGenerator.GetBytes(1000)), NewRecord(), chain, output, 0, output.Length, out int written));

        byte[] record = output[..written];
        Assert.True(TestDevice.VerifyWithDotNet(record));
        Assert.Equal(SignerKind.SecureElement, DecodeManifest(record).SignerKind);
        Assert.Equal(1, fixture.Chip.ExecutedCount(AteccProtocol.OpcodeSign));
    }

    [Fact]
    public void Unlocked_Chip_Is_Refused_Before_Any_Sign_Command()
    {
        using var fixture = new ChipFixture(locked: false, withKey: true);
        var signer = new SecureElementSigner(fixture.Driver, ChipFixture.KeySlot);
        byte[] signature = new byte[64];

        Assert.Equal(SignerStatus.Refused, signer.SignDigest(new byte[32], 0, signature, 0));

        Assert.Equal(SecureElementStatus.NotLocked, signer.LastStatus);
        Assert.Equal(0, fixture.Chip.ExecutedCount(AteccProtocol.OpcodeSign));
        Assert.All(signature, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Empty_Key_Slot_Reports_NoKey()
    {
        using var fixture = new ChipFixture(withKey: false);
        var signer = new SecureElementSigner(fixture.Driver, 2);
        Assert.Equal(SignerStatus.NoKey, signer.GetPublicKey(new byte[65], 0));
        Assert.Equal(SignerStatus.NoKey, signer.SignDigest(new byte[32], 0, new byte[64], 0));
    }

    [Fact]
    public void Busy_Chip_Fails_The_Seal_And_Leaves_The_Chain_Unchanged()
    {
        using var fixture = new ChipFixture();
        using var pki = new TestPki();
        var signer = new SecureElementSigner(fixture.Driver, ChipFixture.KeySlot);
        var sealer = new Sealer(new HostHmacSha256Factory(), signer, IssueFor(pki, signer), DeviceId, 256);
        var chain = new ChainState();
        byte[] output = new byte[sealer.MaxRecordBytes];
        fixture.Chip.ExtraExecutionMs = 500;

        SealStatus status = sealer.SealSegment(new MemoryStream(new byte[10]), NewRecord(), chain, output, 0, output.Length, out int written);

        Assert.Equal(SealStatus.SignerFailed, status);
        Assert.Equal(SignerStatus.Busy, sealer.LastSignerStatus);
        Assert.Equal(0, written);
        Assert.Equal(0, chain.NextSequence);
        fixture.Chip.ExtraExecutionMs = 0;
        fixture.Clock.Advance(20_000);
        Assert.Equal(SealStatus.Ok, sealer.SealSegment(new MemoryStream(new byte[10]), NewRecord(), chain, output, 0, output.Length, out written));
        Assert.True(TestDevice.VerifyWithDotNet(output[..written]));
    }

    [Fact]
    public void Public_Key_Is_An_Uncompressed_Sec1_Point_Matching_The_Chip()
    {
        using var fixture = new ChipFixture();
        var signer = new SecureElementSigner(fixture.Driver, ChipFixture.KeySlot);
        byte[] sec1 = new byte[66];
        Assert.Equal(SignerStatus.Ok, signer.GetPublicKey(sec1, 1));
        byte[] raw = new byte[64];
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.ReadPublicKey(ChipFixture.KeySlot, raw, 0));
        Assert.Equal(0x04, sec1[1]);
        Assert.Equal(raw, sec1[2..]);
    }

    /// <summary>A P-256 public key object over the chip's key, for certificate requests.</summary>
    public static ECDsa PublicKeyOf(ISigner signer)
    {
        byte[] sec1 = new byte[65];
        Assert.Equal(SignerStatus.Ok, signer.GetPublicKey(sec1, 0));
        return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = sec1[1..33], Y = sec1[33..] } });
    }

    private static byte[] IssueFor(TestPki pki, ISigner signer)
    {
        using ECDsa key = PublicKeyOf(signer);
        return pki.IssueDevice(DeviceId, key);
    }

    private static Manifest NewRecord()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new Manifest
        {
            WallStartMs = now - 10_000,
            WallEndMs = now,
            MonotonicStartMs = 1_000,
            MonotonicEndMs = 11_000,
            ClockState = ClockState.Valid,
            LastSyncAgeMs = 1_000,
            UncertaintyMs = 250,
            TimeFloorMs = now - 86_400_000,
            BootCount = 1,
        };
    }

    private static Manifest DecodeManifest(byte[] record)
    {
        var view = new CamAgent.Core.Cose.CoseSign1Message();
        Assert.Equal(CamAgent.Core.Cose.CoseStatus.Ok, view.Decode(record, 0, record.Length));
        var manifest = new Manifest();
        Assert.Equal(EvidenceStatus.Ok, ManifestCodec.Decode(record, view.PayloadOffset, view.PayloadLength, new CamAgent.Core.Cbor.CborReader(), manifest, out _));
        return manifest;
    }
}
