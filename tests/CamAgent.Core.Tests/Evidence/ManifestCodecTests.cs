using CamAgent.Core.Cbor;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Tests.Evidence;

public class ManifestCodecTests
{
    internal static Manifest Sample()
    {
        var manifest = new Manifest
        {
            DeviceId = "cam-0001",
            Sequence = 42,
            BootCount = 3,
            RecordingId = 40,
            ContentLength = 123_456,
            WallStartMs = 1_763_800_000_000,
            WallEndMs = 1_763_800_010_000,
            MonotonicStartMs = 1_000,
            MonotonicEndMs = 11_000,
            ClockState = ClockState.Valid,
            LastSyncAgeMs = 30_000,
            UncertaintyMs = 120,
            TimeFloorMs = 1_763_700_000_000,
            SignerKind = SignerKind.SecureElement,
            HasLastReceiptDigest = true,
        };
        for (int i = 0; i < 32; i++)
        {
            manifest.ContentDigestBytes[i] = (byte)i;
            manifest.PreviousRecordDigest[i] = (byte)(0xA0 + i);
            manifest.LastReceiptDigest[i] = (byte)(0x50 + i);
        }

        return manifest;
    }

    internal static byte[] Encode(Manifest manifest)
    {
        byte[] buffer = new byte[EvidenceLimits.MaxManifestBytes];
        var writer = new CborWriter(buffer, 0, buffer.Length);
        Assert.Equal(EvidenceStatus.Ok, ManifestCodec.Encode(manifest, writer, out _));
        return buffer[..writer.Length];
    }

    private static EvidenceStatus Decode(byte[] bytes, out Manifest manifest, out int badKey)
    {
        manifest = new Manifest();
        return ManifestCodec.Decode(bytes, 0, bytes.Length, new CborReader(), manifest, out badKey);
    }

    [Fact]
    public void Decoding_And_Re_Encoding_Gives_Identical_Bytes()
    {
        byte[] bytes = Encode(Sample());
        Assert.Equal(EvidenceStatus.Ok, Decode(bytes, out Manifest decoded, out _));
        Assert.Equal(bytes, Encode(decoded));
        Assert.Equal("cam-0001", decoded.DeviceId);
        Assert.Equal(42, decoded.Sequence);
        Assert.Equal(SignerKind.SecureElement, decoded.SignerKind);
        Assert.True(decoded.HasLastReceiptDigest);
        Assert.Equal(0x5F, decoded.LastReceiptDigest[15]);
    }

    [Fact]
    public void Manifest_Without_Receipt_Digest_Encodes_An_Empty_Byte_String()
    {
        Manifest manifest = Sample();
        manifest.HasLastReceiptDigest = false;
        byte[] bytes = Encode(manifest);
        Assert.Equal(EvidenceStatus.Ok, Decode(bytes, out Manifest decoded, out _));
        Assert.False(decoded.HasLastReceiptDigest);
        Assert.Contains("1640", Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Widest_Possible_Manifest_Is_303_Bytes_Within_The_Limit()
    {
        Manifest manifest = Sample();
        manifest.DeviceId = new string('x', EvidenceLimits.MaxDeviceIdLength);
        manifest.Sequence = long.MaxValue;
        manifest.BootCount = long.MaxValue;
        manifest.RecordingId = long.MaxValue;
        manifest.ContentLength = EvidenceLimits.MaxContentLengthBytes;
        manifest.ChunkSizeBytes = ContentDigest.MaxChunkSizeBytes;
        manifest.ClockState = ClockState.Invalid;
        manifest.WallStartMs = long.MinValue;
        manifest.WallEndMs = long.MinValue;
        manifest.MonotonicStartMs = long.MaxValue;
        manifest.MonotonicEndMs = long.MaxValue;
        manifest.LastSyncAgeMs = long.MaxValue;
        manifest.UncertaintyMs = long.MaxValue;
        manifest.TimeFloorMs = long.MinValue;
        manifest.Kind = RecordKind.Continuity;
        manifest.Event = ContinuityEvent.ClockStep;
        manifest.EventDetail = long.MinValue;
        manifest.ContentLength = 0;
        int length = Encode(manifest).Length;
        Assert.Equal(303, length);
        Assert.True(length <= EvidenceLimits.MaxManifestBytes);
    }

    public static TheoryData<string, int> InvalidFields => new()
    {
        { "kind", ManifestKeys.Kind },
        { "segment-with-event", ManifestKeys.Event },
        { "continuity-without-event", ManifestKeys.Event },
        { "device-id", ManifestKeys.DeviceId },
        { "sequence", ManifestKeys.Sequence },
        { "content-on-continuity", ManifestKeys.ContentLength },
        { "chunk-size", ManifestKeys.ChunkSize },
        { "signer-kind", ManifestKeys.SignerKind },
        { "wall-end-before-start", ManifestKeys.WallEndMs },
        { "mono-end-before-start", ManifestKeys.MonotonicEndMs },
        { "clock-state", ManifestKeys.ClockState },
        { "sync-age", ManifestKeys.LastSyncAgeMs },
        { "uncertainty", ManifestKeys.UncertaintyMs },
        { "truncated-continuity", ManifestKeys.Truncated },
        { "detail-on-segment", ManifestKeys.EventDetail },
        { "detail-on-recording-stop", ManifestKeys.EventDetail },
        { "negative-skip-count", ManifestKeys.EventDetail },
        { "skip-count-below-sequence-zero", ManifestKeys.EventDetail },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Each_Broken_Rule_Is_Refused_Naming_Its_Key(string rule, int expectedKey)
    {
        Manifest manifest = Sample();
        switch (rule)
        {
            case "kind": manifest.Kind = (RecordKind)9; break;
            case "segment-with-event": manifest.Event = ContinuityEvent.ClockStep; break;
            case "continuity-without-event": manifest.Kind = RecordKind.Continuity; manifest.ContentLength = 0; break;
            case "device-id": manifest.DeviceId = "cam 1"; break;
            case "sequence": manifest.Sequence = -1; break;
            case "content-on-continuity": manifest.Kind = RecordKind.Continuity; manifest.Event = ContinuityEvent.RecordingStart; break;
            case "chunk-size": manifest.ChunkSizeBytes = 1; break;
            case "signer-kind": manifest.SignerKind = (SignerKind)7; break;
            case "wall-end-before-start": manifest.WallEndMs = manifest.WallStartMs - 1; break;
            case "mono-end-before-start": manifest.MonotonicEndMs = manifest.MonotonicStartMs - 1; break;
            case "clock-state": manifest.ClockState = (ClockState)0; break;
            case "sync-age": manifest.LastSyncAgeMs = -2; break;
            case "uncertainty": manifest.UncertaintyMs = -1; break;
            case "truncated-continuity": manifest.Kind = RecordKind.Continuity; manifest.Event = ContinuityEvent.RecordingStop; manifest.ContentLength = 0; manifest.Truncated = true; break;
            case "detail-on-segment": manifest.EventDetail = 5; break;
            case "detail-on-recording-stop": Continuity(manifest, ContinuityEvent.RecordingStop, 1); break;
            case "negative-skip-count": Continuity(manifest, ContinuityEvent.PowerLossRecovery, -1); break;
            case "skip-count-below-sequence-zero": Continuity(manifest, ContinuityEvent.PowerLossRecovery, manifest.Sequence + 1); break;
        }

        byte[] buffer = new byte[EvidenceLimits.MaxManifestBytes];
        var writer = new CborWriter(buffer, 0, buffer.Length);
        Assert.Equal(EvidenceStatus.InvalidValue, ManifestCodec.Encode(manifest, writer, out int badKey));
        Assert.Equal(expectedKey, badKey);
        Assert.Equal(0, writer.Length);
    }

    private static void Continuity(Manifest manifest, ContinuityEvent kind, long detail)
    {
        manifest.Kind = RecordKind.Continuity;
        manifest.Event = kind;
        manifest.ContentLength = 0;
        manifest.EventDetail = detail;
    }

    [Fact]
    public void A_Power_Loss_Record_Declaring_Skipped_Numbers_Round_Trips()
    {
        Manifest manifest = Sample();
        Continuity(manifest, ContinuityEvent.PowerLossRecovery, manifest.Sequence);
        Assert.Equal(EvidenceStatus.Ok, Decode(Encode(manifest), out Manifest decoded, out _));
        Assert.Equal(manifest.Sequence, decoded.EventDetail);
        Assert.Equal(0, decoded.SkippedFromSequence);
    }

    [Fact]
    public void Unknown_Version_Is_Refused()
    {
        byte[] bytes = Encode(Sample());
        Assert.Equal(0x01, bytes[2]);
        bytes[2] = 0x02;
        Assert.Equal(EvidenceStatus.UnsupportedVersion, Decode(bytes, out _, out int badKey));
        Assert.Equal(ManifestKeys.Version, badKey);
    }

    [Fact]
    public void Missing_Extra_Or_Reordered_Keys_Are_Refused()
    {
        byte[] bytes = Encode(Sample());
        byte[] fewer = (byte[])bytes.Clone();
        fewer[0] = 0xB6;
        Assert.NotEqual(EvidenceStatus.Ok, Decode(fewer, out _, out _));

        byte[] renamed = (byte[])bytes.Clone();
        renamed[1] = 0x00;
        Assert.Equal(EvidenceStatus.UnexpectedKey, Decode(renamed, out _, out int badKey));
        Assert.Equal(ManifestKeys.Version, badKey);
    }

    [Fact]
    public void Continuity_Record_Round_Trips_With_Its_Event_Detail()
    {
        Manifest manifest = Sample();
        manifest.Kind = RecordKind.Continuity;
        manifest.Event = ContinuityEvent.ClockStep;
        manifest.EventDetail = -3_600_000;
        manifest.ContentLength = 0;
        manifest.ClockState = ClockState.Stepped;
        manifest.WallEndMs = manifest.WallStartMs - 3_600_000;
        Assert.Equal(EvidenceStatus.Ok, Decode(Encode(manifest), out Manifest decoded, out _));
        Assert.Equal(ContinuityEvent.ClockStep, decoded.Event);
        Assert.Equal(-3_600_000, decoded.EventDetail);
    }
}
