using CamAgent.Core.Evidence;

namespace CamAgent.Verification.Tests;

/// <summary>How the report explains clock-step records (docs/evidence-format.md §5, event 5).</summary>
public class ClockStepExplanationTests
{
    [Theory]
    [InlineData(7_200_000, "the wall clock stepped by 7200000 ms; times before and after are not comparable")]
    [InlineData(0, "a clock-step record declaring no step (0 ms): wall times before and after it are not affected")]
    public void A_Clock_Step_Record_Is_Explained_By_The_Step_It_Declares(long stepMs, string expected)
    {
        using var fixture = new VerifierFixture();
        fixture.Store.Put(fixture.Device, fixture.Device.SealContinuity(ContinuityEvent.ClockStep, detail: stepMs), null);

        VerificationReport report = fixture.Verify();

        Assert.True(report.IsValid, VerifierFixture.Describe(report));
        Assert.Equal(0, report.WarningCount);
        Finding explanation = Assert.Single(report.AllFindings, f => f.Kind == FindingKind.Explanation);
        Assert.Equal(expected, explanation.Message);
    }
}
