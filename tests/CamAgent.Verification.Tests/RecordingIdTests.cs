using CamAgent.Core.Evidence;

namespace CamAgent.Verification.Tests;

/// <summary>
/// The recording id rule (docs/evidence-format.md §3 key 7, §5.2): a recording is named by the
/// sequence number of its recording-start record, and its segments and stop record carry that id.
/// </summary>
public class RecordingIdTests
{
    private static List<Finding> Anomalies(VerificationReport report) =>
        report.AllFindings.Where(f => f.Kind == FindingKind.ContinuityAnomaly).ToList();

    private static VerificationReport Seal(VerifierFixture fixture, long startId, long segmentId, long stopId)
    {
        fixture.Store.Put(fixture.Device, fixture.Device.SealContinuity(ContinuityEvent.RecordingStart, startId), null);
        fixture.Store.Put(fixture.Device, fixture.Device.SealSegment(new byte[1000], segmentId), new byte[1000]);
        fixture.Store.Put(fixture.Device, fixture.Device.SealContinuity(ContinuityEvent.RecordingStop, stopId), null);
        return fixture.Verify();
    }

    [Fact]
    public void A_Recording_Named_By_The_Sequence_Of_Its_Start_Verifies_Without_Warnings()
    {
        using var fixture = new VerifierFixture();
        fixture.Store.Put(fixture.Device, fixture.Device.SealContinuity(ContinuityEvent.ConfigChange), null);

        VerificationReport report = Seal(fixture, startId: 1, segmentId: 1, stopId: 1);

        Assert.True(report.IsValid, VerifierFixture.Describe(report));
        Assert.Equal(0, report.WarningCount);
        Assert.Contains(report.AllFindings, f => f.Sequence == 1 && f.Message == "recording 1 started");
    }

    [Fact]
    public void A_Start_Naming_Another_Id_Than_Its_Sequence_Is_A_Warning_And_Everything_Stays_Verified()
    {
        using var fixture = new VerifierFixture();
        fixture.Store.Put(fixture.Device, fixture.Device.SealContinuity(ContinuityEvent.ConfigChange), null);

        VerificationReport report = Seal(fixture, startId: 0, segmentId: 0, stopId: 0);

        Finding anomaly = Assert.Single(Anomalies(report));
        Assert.Equal(1, anomaly.Sequence);
        Assert.Equal(Severity.Warning, anomaly.Severity);
        Assert.Contains("not its own sequence number 1", anomaly.Message);
        Assert.True(report.IsValid, VerifierFixture.Describe(report));
        Assert.All(Assert.Single(report.Devices).Records, r => Assert.True(r.Authentic && r.ContentVerified, r.ToString()));
    }

    [Fact]
    public void A_Segment_Or_Stop_Naming_Another_Recording_Than_The_Open_One_Is_A_Warning()
    {
        using var fixture = new VerifierFixture();

        VerificationReport report = Seal(fixture, startId: 0, segmentId: 7, stopId: 8);

        List<Finding> anomalies = Anomalies(report);
        Assert.Equal(new long?[] { 1, 2 }, anomalies.Select(f => f.Sequence).ToArray());
        Assert.Contains("the segment names recording 7, but recording 0 is open", anomalies[0].Message);
        Assert.Contains("the recording stop names recording 8, but recording 0 is open", anomalies[1].Message);
        Assert.All(anomalies, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.True(report.IsValid, VerifierFixture.Describe(report));
    }
}
