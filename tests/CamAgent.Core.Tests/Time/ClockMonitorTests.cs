using CamAgent.Core.Persistence;
using CamAgent.Core.Tests.Fakes;
using CamAgent.Core.Time;

namespace CamAgent.Core.Tests.Time;

public sealed class ClockMonitorTests
{
    private const long Floor = TimeConstants.BuildFloorUnixMs;
    private const long Real = Floor + 200L * 24 * 3600 * 1000; // a date well after the build floor
    private const long Epoch1970 = 0;

    private static ClockMonitor NewMonitor(MemoryRecordSlots? slots = null)
    {
        var floor = new TimeFloor(slots ?? new MemoryRecordSlots());
        floor.Load();
        return new ClockMonitor(floor);
    }

    [Fact]
    public void Boot_At_1970_Is_Invalid_And_Not_Trusted()
    {
        var clock = NewMonitor();
        Assert.Equal(ClockEvent.None, clock.Observe(Epoch1970 + 5, 5));
        Assert.False(clock.IsTrusted);
        var mark = new TimeMark();
        clock.Capture(mark);
        Assert.Equal(ClockCondition.Invalid, mark.State);
        Assert.Equal(TimeConstants.UnknownUncertainty, mark.UncertaintyMs);
    }

    [Fact]
    public void Step_From_1970_Onto_A_Time_Above_The_Floor_Is_Inferred_As_Sync()
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970 + 1000, 1000);
        Assert.Equal(ClockEvent.Synced, clock.Observe(Real, 2000));
        Assert.True(clock.IsTrusted);
        var mark = new TimeMark();
        clock.Capture(mark);
        Assert.Equal(ClockCondition.Valid, mark.State);
        Assert.Equal(0, mark.SyncAgeMs);
        Assert.Equal(TimeConstants.SyncAccuracyMs, mark.UncertaintyMs);
    }

    [Fact]
    public void Boot_Above_The_Floor_Without_Sync_Is_Unsynced_Until_The_Adapter_Reports_A_Sync()
    {
        var clock = NewMonitor();
        clock.Observe(Real, 10);
        Assert.False(clock.IsTrusted);
        Assert.True(clock.IsAboveFloor);
        Assert.Equal(ClockEvent.Synced, clock.NotifySynced(Real + 100, 110));
        Assert.True(clock.IsTrusted);
    }

    [Fact]
    public void A_Step_Reports_Its_Signed_Size_And_A_Sync_That_Did_Not_Move_The_Clock_Reports_None()
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970 + 1000, 1000);
        Assert.Equal(ClockEvent.Synced, clock.Observe(Real, 2000));
        Assert.Equal(Real - Epoch1970 - 2000, clock.LastStepMs);
        Assert.Equal(ClockEvent.None, clock.Observe(Real + 1000, 3000));
        Assert.Equal(0, clock.LastStepMs);

        var unsynced = NewMonitor();
        unsynced.Observe(Real, 10);
        Assert.Equal(ClockEvent.Synced, unsynced.NotifySynced(Real + 100, 110));
        Assert.Equal(0, unsynced.LastStepMs);
    }

    [Fact]
    public void Boot_With_A_Plausible_Clock_That_Never_Steps_Stays_Untrusted_Until_A_Sync_Is_Reported()
    {
        // A soft reset keeps the RTC running: the first sample is already plausible, and an SNTP
        // update onto the same time is no observable step, so nothing can be inferred from it.
        var clock = NewMonitor();
        var mark = new TimeMark();
        const long hourMs = 3_600_000;
        for (long t = 0; t <= 24 * hourMs; t += hourMs)
        {
            Assert.Equal(ClockEvent.None, clock.Observe(Real + t, 1000 + t));
            Assert.False(clock.IsTrusted);
            clock.Capture(mark);
            Assert.Equal(ClockCondition.Unsynced, mark.State);
        }
    }

    [Fact]
    public void A_Clock_Held_Below_The_Floor_At_Boot_Makes_The_Next_Sntp_Update_An_Observable_Sync()
    {
        // What the device does at boot (docs/agent.md §1, "Boot after a soft reset").
        var clock = NewMonitor();
        Assert.Equal(ClockEvent.None, clock.Observe(Floor - 1, 1000));
        Assert.False(clock.IsTrusted);
        Assert.Equal(ClockEvent.Synced, clock.Observe(Real, 1500));
        Assert.True(clock.IsTrusted);
        Assert.Equal(Real - (Floor - 1) - 500, clock.LastStepMs);
    }

    [Fact]
    public void Sync_Report_Onto_A_Time_Below_The_Floor_Is_Refused()
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970, 0);
        clock.NotifySynced(Floor - 60_000, 100);
        Assert.False(clock.IsTrusted);
    }

    [Fact]
    public void Uncertainty_Grows_With_Time_Since_Sync_By_The_Drift_Bound()
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970, 0);
        clock.Observe(Real, 1000);
        long dayMs = 24L * 3600 * 1000;
        clock.Observe(Real + dayMs, 1000 + dayMs);
        var mark = new TimeMark();
        clock.Capture(mark);
        Assert.Equal(dayMs, mark.SyncAgeMs);
        Assert.Equal(TimeConstants.SyncAccuracyMs + 8640, mark.UncertaintyMs); // 100 ppm of a day
    }

    [Fact]
    public void Drift_Within_The_Bound_Is_Not_A_Step()
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970, 0);
        clock.Observe(Real, 1000);
        long hourMs = 3600_000;
        Assert.Equal(ClockEvent.None, clock.Observe(Real + hourMs + 2300, 1000 + hourMs)); // 2 s + 360 ms allowed
        Assert.Equal(ClockEvent.Stepped, clock.Observe(Real + 2 * hourMs + 7000, 1000 + 2 * hourMs));
    }

    [Theory]
    [InlineData(-30_000)]
    [InlineData(45_000)]
    public void Step_Of_A_Trusted_Clock_That_Stays_Above_The_Floor_Is_Reported_And_Keeps_It_Trusted(long stepMs)
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970, 0);
        clock.Observe(Real, 1000);
        Assert.Equal(ClockEvent.Stepped, clock.Observe(Real + 10_000 + stepMs, 11_000));
        Assert.True(clock.IsTrusted);
        var mark = new TimeMark();
        clock.Capture(mark);
        Assert.Equal(2, mark.StepCount);
        Assert.Equal(Math.Abs(stepMs), mark.StepTotalMs - (Real - 1000));
    }

    [Fact]
    public void Jump_Back_Below_The_Floor_Invalidates_And_Stops_Trust()
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970, 0);
        clock.Observe(Real, 1000);
        Assert.Equal(ClockEvent.Invalidated, clock.Observe(Epoch1970 + 2000, 2000));
        Assert.False(clock.IsTrusted);
        Assert.Equal(ClockEvent.Synced, clock.Observe(Real + 5000, 5000));
        Assert.True(clock.IsTrusted);
    }

    [Fact]
    public void Segment_Spanning_A_Step_Is_Attested_Stepped_With_The_Step_In_Its_Window()
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970, 0);
        clock.Observe(Real, 1000);
        var start = new TimeMark();
        clock.Capture(start);
        clock.Observe(Real + 60_000 + 20_000, 61_000);
        var end = new TimeMark();
        clock.Capture(end);

        var attestation = new TimeAttestation();
        attestation.Set(start, end);
        Assert.Equal(ClockCondition.Stepped, attestation.State);
        Assert.Equal(TimeConstants.SyncAccuracyMs + 20_000, attestation.UncertaintyMs);
    }

    [Fact]
    public void Segment_Recorded_With_A_1970_Clock_Is_Attested_Invalid()
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970, 0);
        var start = new TimeMark();
        clock.Capture(start);
        clock.Observe(Real, 60_000); // synced before sealing: the start is still unprovable
        var end = new TimeMark();
        clock.Capture(end);
        var attestation = new TimeAttestation();
        attestation.Set(start, end);
        Assert.Equal(ClockCondition.Invalid, attestation.State);
    }

    [Fact]
    public void Segment_That_Dipped_Below_The_Floor_In_The_Middle_Is_Attested_Invalid()
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970, 0);
        clock.Observe(Real, 1000);
        var start = new TimeMark();
        clock.Capture(start);
        clock.Observe(Epoch1970 + 3000, 3000);
        clock.Observe(Real + 9000, 9000);
        var end = new TimeMark();
        clock.Capture(end);
        var attestation = new TimeAttestation();
        attestation.Set(start, end);
        Assert.Equal(ClockCondition.Invalid, attestation.State);
    }

    [Fact]
    public void Clean_Segment_Is_Attested_Valid()
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970, 0);
        clock.Observe(Real, 1000);
        var start = new TimeMark();
        clock.Capture(start);
        clock.Observe(Real + 60_000, 61_000);
        var end = new TimeMark();
        clock.Capture(end);
        var attestation = new TimeAttestation();
        attestation.Set(start, end);
        Assert.Equal(ClockCondition.Valid, attestation.State);
        Assert.Equal(TimeConstants.SyncAccuracyMs + 6, attestation.UncertaintyMs);
    }

    [Fact]
    public void Observe_And_Capture_Allocate_Nothing()
    {
        var clock = NewMonitor();
        var mark = new TimeMark();
        clock.Observe(Real, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < 1000; i++)
        {
            clock.Observe(Real + i * 1000L, i * 1000L);
            clock.Capture(mark);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private const long Year = 365L * 24 * 3600 * 1000;
    private const long Day = 24L * 3600 * 1000;

    // Boot with the clock held below the floor, the first SNTP answer, then a verified receipt at that time.
    private static ClockMonitor VerifiedAt(long wall, long mono)
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970, mono - 1000);
        Assert.Equal(ClockEvent.Synced, clock.Observe(wall, mono));
        Assert.True(clock.NoteAuthenticatedTime(wall - 300, mono));
        return clock;
    }

    [Fact]
    public void A_Jump_Of_Years_After_Verified_Time_Is_Recorded_As_A_Suspect_Step_Not_As_Valid_Time()
    {
        ClockMonitor clock = VerifiedAt(Real, 10_000);

        Assert.Equal(ClockEvent.SuspectStep, clock.Observe(Real + 1000 + 5 * Year, 11_000));

        Assert.False(clock.IsTrusted);
        Assert.Equal(5 * Year, clock.LastStepMs);
        var mark = new TimeMark();
        clock.Capture(mark);
        Assert.Equal(ClockCondition.Unsynced, mark.State);
        Assert.Equal(TimeConstants.UnknownUncertainty, mark.UncertaintyMs);
    }

    [Fact]
    public void A_Jump_Back_Above_The_Floor_After_Verified_Time_Is_Suspect_Too()
    {
        ClockMonitor clock = VerifiedAt(Real, 10_000);

        Assert.Equal(ClockEvent.SuspectStep, clock.Observe(Floor + Day, 11_000));
        Assert.False(clock.IsTrusted);
    }

    [Fact]
    public void A_Correction_Within_The_Drift_Bound_Since_The_Verified_Time_Is_Accepted()
    {
        ClockMonitor clock = VerifiedAt(Real, 10_000);
        long later = 10_000 + Day;
        // One day at 100 ppm allows 8.64 s of drift, plus the receipt margin, SNTP accuracy and the step tolerance.
        long correction = ClockMonitor.VerifiedBoundMs(Day);
        Assert.Equal(60_000 + 1000 + 2000 + 8640, correction);

        Assert.Equal(ClockEvent.Stepped, clock.Observe(Real + Day + correction, later));
        Assert.True(clock.IsTrusted);
        Assert.Equal(ClockEvent.SuspectStep, clock.Observe(Real + Day + correction + 1000 + 3000, later + 1000));
    }

    [Fact]
    public void A_Suspect_Clock_Is_Trusted_Again_When_Sntp_Brings_It_Back_Inside_The_Bound()
    {
        ClockMonitor clock = VerifiedAt(Real, 10_000);
        clock.Observe(Real + 1000 + 5 * Year, 11_000);

        Assert.Equal(ClockEvent.Synced, clock.Observe(Real + 60_000, 70_000));
        Assert.True(clock.IsTrusted);
    }

    [Fact]
    public void A_Receipt_An_Hour_From_The_Clock_Either_Way_Does_Not_Become_The_Verified_Time()
    {
        var clock = NewMonitor();
        clock.Observe(Epoch1970, 1000);
        clock.Observe(Real, 2000);

        Assert.False(clock.NoteAuthenticatedTime(Real + 3600_000, 2000));
        Assert.False(clock.NoteAuthenticatedTime(Real - 3600_000, 2000));
        // Without a verified time, a later step is judged by the floor alone, as before.
        Assert.Equal(ClockEvent.Stepped, clock.Observe(Real + Year, 3000));
    }

    [Fact]
    public void The_Host_Sync_Report_Cannot_Launder_A_Suspect_Step()
    {
        ClockMonitor clock = VerifiedAt(Real, 10_000);

        Assert.Equal(ClockEvent.SuspectStep, clock.NotifySynced(Real + 1000 + 5 * Year, 11_000));
        Assert.False(clock.IsTrusted);
    }
}
