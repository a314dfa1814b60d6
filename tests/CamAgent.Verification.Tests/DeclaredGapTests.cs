using System.Text.Json;
using CamAgent.Core.Evidence;

namespace CamAgent.Verification.Tests;

/// <summary>
/// Sequence numbers skipped by commits a power loss cut: accepted only as the device declared them
/// in its signed power-loss record, never as a way to hide a deleted record (docs/evidence-format.md §7.2).
/// </summary>
public sealed class DeclaredGapTests : IDisposable
{
    private readonly VerifierFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private ChainState Chain => _fixture.Device.Chain;

    private void Store(byte[] record, byte[]? content = null) => _fixture.Store.Put(_fixture.Device, record, content);

    private void Segment(long recordingId) => Store(_fixture.Device.SealSegment(new byte[700], recordingId), new byte[700]);

    private void Continuity(ContinuityEvent kind, long recordingId, long detail = 0) =>
        Store(_fixture.Device.SealContinuity(kind, recordingId, detail));

    // What the spool does when commits were cut: the numbers are burned, the link stays on the last committed record.
    private void Skip(long count) => Chain.Set(Chain.NextSequence + count, Chain.PreviousRecordDigest, 0);

    private void PowerLoss(long declared)
    {
        _fixture.Device.BootCount++;
        _fixture.Device.MonotonicMs = 2_000;
        Continuity(ContinuityEvent.PowerLossRecovery, 0, declared);
    }

    // 0 start, 1 segment, [skipped], power loss declaring `declared`, then a new recording.
    private long RecordAcrossAPowerLoss(long skipped, long declared)
    {
        Continuity(ContinuityEvent.RecordingStart, 0);
        Segment(0);
        Skip(skipped);
        PowerLoss(declared);
        long restart = Chain.NextSequence;
        Continuity(ContinuityEvent.RecordingStart, restart);
        Segment(restart);
        Continuity(ContinuityEvent.RecordingStop, restart);
        return 2;
    }

    private static List<Finding> Findings(VerificationReport report, FindingKind kind) => report.AllFindings.Where(f => f.Kind == kind).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_Declared_Gap_Is_Valid_And_Explained_In_Text_And_Json(long skipped)
    {
        long gapStart = RecordAcrossAPowerLoss(skipped, skipped);

        VerificationReport report = _fixture.Verify();
        Assert.True(report.IsValid, VerifierFixture.Describe(report));
        Assert.Empty(Findings(report, FindingKind.Missing));
        Finding declared = Assert.Single(Findings(report, FindingKind.DeclaredGap));
        Assert.Equal(gapStart, declared.Sequence);
        Assert.Equal(Severity.Info, declared.Severity);

        string text = VerifierFixture.Describe(report);
        Assert.Contains($"[i] seq {gapStart}", text);
        Assert.Contains("DeclaredGap: no record for sequence", text);

        var json = new StringWriter();
        ReportWriter.WriteJson(report, json);
        using JsonDocument document = JsonDocument.Parse(json.ToString());
        JsonElement device = document.RootElement.GetProperty("devices")[0];
        Assert.True(document.RootElement.GetProperty("valid").GetBoolean());
        JsonElement finding = Assert.Single(device.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "declaredGap");
        Assert.Equal(gapStart, finding.GetProperty("sequence").GetInt64());
        Assert.Equal("info", finding.GetProperty("severity").GetString());
    }

    [Fact]
    public void A_Declared_Gap_At_The_Very_First_Sequence_Is_Valid_When_The_Record_Starts_From_The_Zero_Link()
    {
        Skip(1);
        PowerLoss(1);
        Continuity(ContinuityEvent.RecordingStart, 2);
        Continuity(ContinuityEvent.RecordingStop, 2);

        VerificationReport report = _fixture.Verify();
        Assert.True(report.IsValid, VerifierFixture.Describe(report));
        Assert.Equal(0, Assert.Single(Findings(report, FindingKind.DeclaredGap)).Sequence);
    }

    [Fact]
    public void An_Undeclared_Gap_Is_Missing_Even_After_A_Power_Loss_Record()
    {
        long gapStart = RecordAcrossAPowerLoss(skipped: 1, declared: 0);

        VerificationReport report = _fixture.Verify();
        Assert.False(report.IsValid);
        Finding missing = Assert.Single(Findings(report, FindingKind.Missing));
        Assert.Equal(gapStart, missing.Sequence);
        Assert.Equal(Severity.Error, missing.Severity);
        Assert.Empty(Findings(report, FindingKind.DeclaredGap));
    }

    [Fact]
    public void A_Gap_Followed_By_A_Segment_Instead_Of_A_Power_Loss_Record_Is_Missing()
    {
        Continuity(ContinuityEvent.RecordingStart, 0);
        Segment(0);
        Skip(1);
        Segment(0);
        Continuity(ContinuityEvent.RecordingStop, 0);

        VerificationReport report = _fixture.Verify();
        Assert.False(report.IsValid);
        Assert.Equal(2, Assert.Single(Findings(report, FindingKind.Missing)).Sequence);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(1, 2)]
    public void A_Declared_Range_That_Is_Not_The_Actual_Gap_Is_Missing(long skipped, long declared)
    {
        long gapStart = RecordAcrossAPowerLoss(skipped, declared);

        VerificationReport report = _fixture.Verify();
        Assert.False(report.IsValid);
        Finding missing = Assert.Single(Findings(report, FindingKind.Missing));
        Assert.Equal(gapStart, missing.Sequence);
        Assert.Contains("which is not this gap", missing.Message);
        Assert.Empty(Findings(report, FindingKind.DeclaredGap));
    }

    [Fact]
    public void Deleting_A_Signed_Record_Before_A_Power_Loss_Record_Declaring_It_Leaves_A_Link_Break()
    {
        // The device key signs a power-loss record claiming sequence 1 skipped, but sequence 1 was
        // signed and committed, so the declaration links to it: its removal cannot be hidden.
        Continuity(ContinuityEvent.RecordingStart, 0);
        Segment(0);
        PowerLoss(1);
        File.Delete(_fixture.Store.PathOf("cam-0001", 1, "manifest.cose"));
        File.Delete(_fixture.Store.PathOf("cam-0001", 1, "segment"));
        File.Delete(_fixture.Store.PathOf("cam-0001", 1, "receipt.cose"));

        VerificationReport report = _fixture.Verify();
        Assert.False(report.IsValid);
        Finding missing = Assert.Single(Findings(report, FindingKind.Missing));
        Assert.Equal(1, missing.Sequence);
        Assert.Contains("does not link to record 0", missing.Message);
        Assert.Empty(Findings(report, FindingKind.DeclaredGap));
    }

    [Fact]
    public void Deleting_The_Record_Before_A_Declared_Gap_Widens_It_And_Is_Missing()
    {
        RecordAcrossAPowerLoss(skipped: 1, declared: 1);
        File.Delete(_fixture.Store.PathOf("cam-0001", 1, "manifest.cose"));

        VerificationReport report = _fixture.Verify();
        Assert.False(report.IsValid);
        Assert.Equal(1, Assert.Single(Findings(report, FindingKind.Missing)).Sequence);
        Assert.Empty(Findings(report, FindingKind.DeclaredGap));
    }

    [Fact]
    public void A_Declared_Gap_At_The_Start_Of_A_Pruned_Store_Cannot_Be_Checked_And_Is_Missing()
    {
        RecordAcrossAPowerLoss(skipped: 1, declared: 1);
        foreach (long sequence in new long[] { 0, 1 })
        {
            foreach (string extension in new[] { "manifest.cose", "segment", "receipt.cose" })
            {
                File.Delete(_fixture.Store.PathOf("cam-0001", sequence, extension));
            }
        }

        VerificationReport report = _fixture.Verify(firstSequence: 2);
        Assert.False(report.IsValid);
        Finding missing = Assert.Single(Findings(report, FindingKind.Missing));
        Assert.Equal(2, missing.Sequence);
        Assert.Contains("outside this store", missing.Message);
    }
}
