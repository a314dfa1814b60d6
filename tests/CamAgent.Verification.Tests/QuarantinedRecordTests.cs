using CamAgent.Core.Evidence;

namespace CamAgent.Verification.Tests;

/// <summary>
/// A record the device quarantined after the server refused it (docs/evidence-format.md §5.3,
/// §7.2): its number is missing from the store, and the signed record-quarantined record that
/// names it turns the gap into a warning; an undeclared number stays a Missing error.
/// </summary>
public sealed class QuarantinedRecordTests : IDisposable
{
    private readonly VerifierFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private void Store(byte[] record, byte[]? content = null) => _fixture.Store.Put(_fixture.Device, record, content);

    private void Segment(long recordingId) => Store(_fixture.Device.SealSegment(new byte[700], recordingId), new byte[700]);

    /// <summary>0 start, 1 segment, 2 segment (refused: sealed, never stored), 3 segment, 4 quarantine of <paramref name="declared"/>, 5 stop.</summary>
    private void RecordWithARefusedSegment(long declared)
    {
        Store(_fixture.Device.SealContinuity(ContinuityEvent.RecordingStart));
        Segment(0);
        _fixture.Device.SealSegment(new byte[700], 0);
        Segment(0);
        Store(_fixture.Device.SealContinuity(ContinuityEvent.RecordQuarantined, 0, declared));
        Store(_fixture.Device.SealContinuity(ContinuityEvent.RecordingStop));
    }

    private static List<Finding> Findings(VerificationReport report, FindingKind kind) => report.AllFindings.Where(f => f.Kind == kind).ToList();

    [Fact]
    public void A_Missing_Record_The_Device_Declares_Quarantined_Is_A_Warning_And_The_Evidence_Stays_Valid()
    {
        RecordWithARefusedSegment(declared: 2);

        VerificationReport report = _fixture.Verify();
        Assert.True(report.IsValid, VerifierFixture.Describe(report));
        Assert.Empty(Findings(report, FindingKind.Missing));
        Finding quarantined = Assert.Single(Findings(report, FindingKind.Quarantined));
        Assert.Equal(2, quarantined.Sequence);
        Assert.Equal(Severity.Warning, quarantined.Severity);
        Assert.Contains("record 4 declares it quarantined", quarantined.Message);
        Assert.Contains(report.AllFindings, f => f.Kind == FindingKind.Explanation && f.Sequence == 4 && f.Message.Contains("quarantined record 2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Missing_Record_Nobody_Declared_Is_Still_A_Gap_In_The_Chain()
    {
        Store(_fixture.Device.SealContinuity(ContinuityEvent.RecordingStart));
        _fixture.Device.SealSegment(new byte[700], 0); // 1: quarantined
        _fixture.Device.SealSegment(new byte[700], 0); // 2: deleted from the store
        Segment(0);
        Store(_fixture.Device.SealContinuity(ContinuityEvent.RecordQuarantined, 0, 1));

        VerificationReport report = _fixture.Verify();
        Assert.Contains(Findings(report, FindingKind.Quarantined), f => f.Sequence == 1);
        Finding missing = Assert.Single(Findings(report, FindingKind.Missing));
        Assert.Equal(2, missing.Sequence);
        Assert.False(report.IsValid);
    }

    [Fact]
    public void A_Quarantined_Record_Agency_IT_Put_Back_In_The_Store_Closes_The_Gap()
    {
        Store(_fixture.Device.SealContinuity(ContinuityEvent.RecordingStart));
        byte[] refused = _fixture.Device.SealSegment(new byte[700], 0);
        Store(_fixture.Device.SealContinuity(ContinuityEvent.RecordQuarantined, 0, 1));
        Store(refused, new byte[700]);

        VerificationReport report = _fixture.Verify();
        Assert.True(report.IsValid, VerifierFixture.Describe(report));
        Assert.Empty(Findings(report, FindingKind.Quarantined));
        Assert.Empty(Findings(report, FindingKind.Missing));
    }
}
