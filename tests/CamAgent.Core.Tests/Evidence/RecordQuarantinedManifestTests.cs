using CamAgent.Core.Evidence;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Evidence;

/// <summary>Continuity event 7, record quarantined (docs/evidence-format.md §3.2, §5.3): its detail names an earlier record.</summary>
public sealed class RecordQuarantinedManifestTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly TestDevice _device;

    public RecordQuarantinedManifestTests() => _device = new TestDevice(_pki);

    public void Dispose()
    {
        _device.Dispose();
        _pki.Dispose();
    }

    private static Manifest Declaration(long sequence, long detail)
    {
        var manifest = new Manifest
        {
            Kind = RecordKind.Continuity,
            Event = ContinuityEvent.RecordQuarantined,
            DeviceId = "cam-0001",
            Sequence = sequence,
            EventDetail = detail,
            ChunkSizeBytes = ContentDigest.DefaultChunkSizeBytes,
            ClockState = ClockState.Invalid,
            LastSyncAgeMs = -1,
        };
        return manifest;
    }

    [Theory]
    [InlineData(5, 0, true)]
    [InlineData(5, 4, true)]
    [InlineData(5, 5, false)]
    [InlineData(5, 6, false)]
    [InlineData(5, -1, false)]
    public void Its_Detail_Is_The_Sequence_Of_An_Earlier_Record(long sequence, long detail, bool valid)
    {
        Manifest manifest = Declaration(sequence, detail);
        Assert.Equal(valid ? EvidenceStatus.Ok : EvidenceStatus.InvalidValue, manifest.Validate(out int badKey));
        Assert.Equal(valid ? 0 : ManifestKeys.EventDetail, badKey);
    }

    [Fact]
    public void A_Sealed_Declaration_Decodes_With_Its_Event_And_Detail()
    {
        _device.SealContinuity(ContinuityEvent.RecordingStart);
        _device.SealSegment(new byte[100]);
        byte[] record = _device.SealContinuity(ContinuityEvent.RecordQuarantined, detail: 1);
        Manifest decoded = CamAgent.Core.Tests.Agent.CoseReceiptChecker.ManifestOf(record, 0, record.Length);
        Assert.Equal(ContinuityEvent.RecordQuarantined, decoded.Event);
        Assert.Equal(1, decoded.EventDetail);
        Assert.Equal(2, decoded.Sequence);
    }

    [Fact]
    public void No_Event_Beyond_Record_Quarantined_Is_Known()
    {
        Manifest manifest = Declaration(5, 0);
        manifest.Event = (ContinuityEvent)8;
        Assert.Equal(EvidenceStatus.InvalidValue, manifest.Validate(out int badKey));
        Assert.Equal(ManifestKeys.Event, badKey);
    }
}
