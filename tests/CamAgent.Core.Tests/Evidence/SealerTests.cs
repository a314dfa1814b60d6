using System.Security.Cryptography;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Host.Crypto;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Evidence;

public class SealerTests
{
    private static Manifest ReadManifest(byte[] record)
    {
        var view = new CoseSign1Message();
        Assert.Equal(CoseStatus.Ok, view.Decode(record, 0, record.Length));
        var manifest = new Manifest();
        Assert.Equal(EvidenceStatus.Ok, ManifestCodec.Decode(record, view.PayloadOffset, view.PayloadLength, new CborReader(), manifest, out _));
        return manifest;
    }

    [Fact]
    public void Sealed_Segment_Carries_Digest_Length_Identity_And_A_Valid_Signature()
    {
        using var pki = new TestPki();
        using var device = new TestDevice(pki);
        byte[] content = RandomNumberGenerator.GetBytes(3 * ContentDigest.DefaultChunkSizeBytes + 5);
        byte[] record = device.SealSegment(content);

        Manifest manifest = ReadManifest(record);
        Assert.Equal(RecordKind.Segment, manifest.Kind);
        Assert.Equal(device.DeviceId, manifest.DeviceId);
        Assert.Equal(0, manifest.Sequence);
        Assert.Equal(content.Length, manifest.ContentLength);
        Assert.Equal(ReferenceContentDigest.Compute(content, ContentDigest.DefaultChunkSizeBytes), manifest.ContentDigestBytes);
        Assert.Equal(new byte[32], manifest.PreviousRecordDigest);
        Assert.Equal(SignerKind.Software, manifest.SignerKind);
        Assert.True(TestDevice.VerifyWithDotNet(record));
    }

    [Fact]
    public void Each_Record_Links_To_The_Sha256_Of_The_Previous_Record()
    {
        using var pki = new TestPki();
        using var device = new TestDevice(pki);
        byte[] start = device.SealContinuity(ContinuityEvent.RecordingStart);
        byte[] first = device.SealSegment(new byte[100], recordingId: 0);
        byte[] second = device.SealSegment(Array.Empty<byte>(), recordingId: 0);

        Assert.Equal(SHA256.HashData(start), ReadManifest(first).PreviousRecordDigest);
        Assert.Equal(SHA256.HashData(first), ReadManifest(second).PreviousRecordDigest);
        Assert.Equal(2, ReadManifest(second).Sequence);
        Assert.Equal(3, device.Chain.NextSequence);
        Assert.Equal(SHA256.HashData(second), device.Chain.PreviousRecordDigest);
        Assert.Equal(0, ReadManifest(second).ContentLength);
    }

    [Fact]
    public void Continuity_Record_Has_Empty_Content_And_Its_Event()
    {
        using var pki = new TestPki();
        using var device = new TestDevice(pki);
        Manifest manifest = ReadManifest(device.SealContinuity(ContinuityEvent.PowerLossRecovery));
        Assert.Equal(RecordKind.Continuity, manifest.Kind);
        Assert.Equal(ContinuityEvent.PowerLossRecovery, manifest.Event);
        Assert.Equal(0, manifest.ContentLength);
        Assert.Equal(ReferenceContentDigest.Compute(ReadOnlySpan<byte>.Empty, ContentDigest.DefaultChunkSizeBytes), manifest.ContentDigestBytes);
    }

    [Fact]
    public void Read_Failure_Leaves_The_Chain_Unchanged_And_A_Retry_Seals_Normally()
    {
        using var pki = new TestPki();
        using var device = new TestDevice(pki);
        device.SealSegment(new byte[10]);
        byte[] before = (byte[])device.Chain.PreviousRecordDigest.Clone();

        var failing = new FailingStream(new byte[50_000], failAfterBytes: 20_000);
        byte[] output = new byte[device.Sealer.MaxRecordBytes];
        SealStatus status = device.Sealer.SealSegment(failing, device.NewRecord(1000), device.Chain, output, 0, output.Length, out int written);

        Assert.Equal(SealStatus.ReadFailed, status);
        Assert.Equal(0, written);
        Assert.Equal(1, device.Chain.NextSequence);
        Assert.Equal(before, device.Chain.PreviousRecordDigest);
        Assert.Equal(1, ReadManifest(device.SealSegment(new byte[50_000])).Sequence);
    }

    [Fact]
    public void Signer_Failure_Leaves_The_Chain_Unchanged()
    {
        using var pki = new TestPki();
        using var key = HostEcdsaSigner.CreateRandom();
        byte[] certificate = pki.IssueDevice("cam-2", key.Key);
        var sealer = new Sealer(new HostHmacSha256Factory(), new RefusingSigner(), certificate, "cam-2", ContentDigest.DefaultChunkSizeBytes);
        var chain = new ChainState();
        byte[] output = new byte[sealer.MaxRecordBytes];
        var record = new Manifest { ClockState = ClockState.Invalid };
        Assert.Equal(SealStatus.SignerFailed, sealer.SealSegment(new MemoryStream(new byte[10]), record, chain, output, 0, output.Length, out _));
        Assert.Equal(SignerStatus.DeviceError, sealer.LastSignerStatus);
        Assert.Equal(0, chain.NextSequence);
    }

    [Fact]
    public void Invalid_Caller_Fields_Are_Refused_Naming_The_Key()
    {
        using var pki = new TestPki();
        using var device = new TestDevice(pki);
        Manifest record = device.NewRecord(100);
        record.MonotonicEndMs = record.MonotonicStartMs - 1;
        byte[] output = new byte[device.Sealer.MaxRecordBytes];
        Assert.Equal(SealStatus.InvalidFields, device.Sealer.SealSegment(new MemoryStream(new byte[1]), record, device.Chain, output, 0, output.Length, out _));
        Assert.Equal(ManifestKeys.MonotonicEndMs, device.Sealer.LastBadKey);
        Assert.Equal(0, device.Chain.NextSequence);
    }

    [Fact]
    public void Short_Reads_From_The_Stream_Give_The_Same_Digest()
    {
        using var pki = new TestPki();
        using var device = new TestDevice(pki);
        byte[] content = RandomNumberGenerator.GetBytes(40_000);
        byte[] output = new byte[device.Sealer.MaxRecordBytes];
        Manifest record = device.NewRecord(100);
        Assert.Equal(SealStatus.Ok, device.Sealer.SealSegment(new TricklingStream(content, 777), record, device.Chain, output, 0, output.Length, out _));
        Assert.Equal(ReferenceContentDigest.Compute(content, ContentDigest.DefaultChunkSizeBytes), record.ContentDigestBytes);
    }

    [Fact]
    public void Chain_State_Persists_And_Restores_Exactly()
    {
        using var pki = new TestPki();
        using var device = new TestDevice(pki);
        device.SealSegment(new byte[3]);
        byte[] buffer = new byte[ChainState.EncodedMaxBytes];
        var writer = new CborWriter(buffer, 0, buffer.Length);
        Assert.Equal(EvidenceStatus.Ok, device.Chain.Encode(writer));
        var restored = new ChainState();
        Assert.Equal(EvidenceStatus.Ok, restored.Decode(buffer, 0, writer.Length, new CborReader()));
        Assert.Equal(device.Chain.NextSequence, restored.NextSequence);
        Assert.Equal(device.Chain.PreviousRecordDigest, restored.PreviousRecordDigest);
        Assert.Equal(EvidenceStatus.MalformedCbor, restored.Decode(buffer, 0, writer.Length - 1, new CborReader()));
        Assert.Equal(device.Chain.NextSequence, restored.NextSequence);
    }

    [Fact]
    public void Managed_Rfc6979_Signer_Seals_Deterministic_Records_That_Dot_Net_Verifies()
    {
        using var pki = new TestPki();
        byte[] privateKey = new byte[32];
        do
        {
            RandomNumberGenerator.Fill(privateKey);
        }
        while (!Core.Crypto.EcdsaP256Signer.IsValidPrivateKey(privateKey, 0));

        using var dotNetKey = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey });
        byte[] certificate = pki.IssueDevice("cam-managed", dotNetKey);
        byte[] first = SealWithManagedSigner(privateKey, certificate);
        byte[] second = SealWithManagedSigner(privateKey, certificate);
        Assert.True(TestDevice.VerifyWithDotNet(first));
        Assert.Equal(first, second);
        Assert.Equal(SignerKind.Software, ReadManifest(first).SignerKind);
    }

    private static byte[] SealWithManagedSigner(byte[] privateKey, byte[] certificate)
    {
        using var signer = new Core.Crypto.EcdsaP256Signer(privateKey);
        var sealer = new Sealer(new HostHmacSha256Factory(), signer, certificate, "cam-managed", 1024);
        var record = new Manifest { ClockState = ClockState.Valid, WallStartMs = 1_000, WallEndMs = 2_000, MonotonicStartMs = 10, MonotonicEndMs = 1_010 };
        byte[] output = new byte[sealer.MaxRecordBytes];
        Assert.Equal(SealStatus.Ok, sealer.SealSegment(new MemoryStream(new byte[5000]), record, new ChainState(), output, 0, output.Length, out int written));
        return output[..written];
    }

    /// <summary>A storage read that fails part-way, as an SD card pulled mid-read does.</summary>
    private sealed class FailingStream(byte[] data, int failAfterBytes) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAfterBytes)
            {
                throw new IOException("simulated card read error");
            }

            return base.Read(buffer, offset, Math.Min(count, (int)(failAfterBytes - Position)));
        }
    }

    /// <summary>Returns at most a few bytes per read, as slow storage or a pipe does.</summary>
    private sealed class TricklingStream(byte[] data, int maxPerRead) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, maxPerRead));
    }

    private sealed class RefusingSigner : ISigner
    {
        public SignerKind Kind => SignerKind.SecureElement;

        public SignerStatus GetPublicKey(byte[] publicKey, int offset) => SignerStatus.DeviceError;

        public SignerStatus SignDigest(byte[] digest, int digestOffset, byte[] signature, int signatureOffset) => SignerStatus.DeviceError;
    }
}
