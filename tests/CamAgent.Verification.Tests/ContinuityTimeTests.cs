using CamAgent.Core.Evidence;
using CamAgent.Tests.Support;

namespace CamAgent.Verification.Tests;

/// <summary>
/// Continuity records are held to the same time rules as segments against their neighbours
/// (docs/evidence-format.md §7.3): boot counter never back, within a boot no record ends before
/// the one before it on the monotonic clock nor, with valid clocks and nothing to explain it, on
/// the wall clock.
/// </summary>
public class ContinuityTimeTests
{
    [Fact]
    public void A_Recording_Stop_Marked_Five_Minutes_Before_The_Segment_It_Follows_Is_An_Error()
    {
        using var fixture = new VerifierFixture();
        TestDevice device = fixture.Device;
        fixture.Store.Put(device, device.SealContinuity(ContinuityEvent.RecordingStart, recordingId: 0), null);
        fixture.Store.Put(device, device.SealSegment(new byte[100], recordingId: 0), new byte[100]);
        device.WallClockMs -= 5 * 60 * 1000;
        fixture.Store.Put(device, device.SealContinuity(ContinuityEvent.RecordingStop, recordingId: 0), null);

        VerificationReport report = fixture.Verify();

        Assert.False(report.IsValid);
        Finding error = Assert.Single(VerifierFixture.Errors(report));
        Assert.Equal(FindingKind.TimeAnomaly, error.Kind);
        Assert.Equal(2, error.Sequence);
        Assert.Contains("wall time ends before", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Boot_Counter_Going_3_1_3_Across_Continuity_Records_Is_An_Error()
    {
        using var fixture = new VerifierFixture();
        TestDevice device = fixture.Device;
        device.BootCount = 3;
        fixture.Store.Put(device, device.SealContinuity(ContinuityEvent.RecordingStart, recordingId: 0), null);
        device.BootCount = 1;
        fixture.Store.Put(device, device.SealSegment(new byte[100], recordingId: 0), new byte[100]);
        device.BootCount = 3;
        fixture.Store.Put(device, device.SealContinuity(ContinuityEvent.RecordingStop, recordingId: 0), null);

        VerificationReport report = fixture.Verify();

        Assert.False(report.IsValid);
        Finding error = Assert.Single(VerifierFixture.Errors(report));
        Assert.Equal((FindingKind.TimeAnomaly, 1L), (error.Kind, error.Sequence!.Value));
        Assert.Equal("the boot counter went backwards", error.Message);
    }

    [Fact]
    public void A_Continuity_Record_Behind_On_The_Monotonic_Clock_Of_The_Same_Boot_Is_An_Error()
    {
        using var fixture = new VerifierFixture();
        TestDevice device = fixture.Device;
        fixture.Store.Put(device, device.SealContinuity(ContinuityEvent.RecordingStart, recordingId: 0), null);
        fixture.Store.Put(device, device.SealSegment(new byte[100], recordingId: 0), new byte[100]);
        device.MonotonicMs -= 5_000;
        device.WallClockMs += 60_000;
        fixture.Store.Put(device, device.SealContinuity(ContinuityEvent.ConfigChange, recordingId: 0), null);

        VerificationReport report = fixture.Verify();

        Finding error = Assert.Single(VerifierFixture.Errors(report));
        Assert.Contains("monotonic clock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Continuity_Record_After_A_Clock_Step_Backwards_Is_Explained_Not_An_Error()
    {
        using var fixture = new VerifierFixture();
        TestDevice device = fixture.Device;
        fixture.Store.Put(device, device.SealContinuity(ContinuityEvent.RecordingStart, recordingId: 0), null);
        fixture.Store.Put(device, device.SealSegment(new byte[100], recordingId: 0), new byte[100]);
        device.WallClockMs -= 3_600_000;
        fixture.Store.Put(device, device.SealContinuity(ContinuityEvent.ClockStep, recordingId: 0, detail: -3_600_000), null);
        fixture.Store.Put(device, device.SealContinuity(ContinuityEvent.RecordingStop, recordingId: 0), null);

        VerificationReport report = fixture.Verify();

        Assert.True(report.IsValid, VerifierFixture.Describe(report));
    }
}
