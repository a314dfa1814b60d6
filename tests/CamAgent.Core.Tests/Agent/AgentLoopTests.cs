using CamAgent.Core.Agent;
using CamAgent.Core.Evidence;
using CamAgent.Core.Tests.Config;

namespace CamAgent.Core.Tests.Agent;

public sealed class AgentLoopTests : IClassFixture<CredentialsFixture>
{
    private readonly CredentialsFixture _fixture;

    public AgentLoopTests(CredentialsFixture fixture) => _fixture = fixture;

    private static List<Manifest> Chain(AgentRig rig)
    {
        var all = new List<Manifest>();
        foreach (long sequence in rig.Server.CompletedOrder)
        {
            all.Add(rig.Server.StoredManifest(TestCredentialsId, sequence)!);
        }

        return all;
    }

    private const string TestCredentialsId = Support.TestCredentials.DeviceId;

    private static void AssertEverySegmentArrivedIntact(AgentRig rig)
    {
        List<Manifest> chain = Chain(rig);
        Assert.Equal(chain.Select(m => m.Sequence).OrderBy(s => s), chain.Select(m => m.Sequence));
        List<Manifest> segments = chain.Where(m => m.Kind == RecordKind.Segment).ToList();
        Assert.Equal(rig.Recorded.Count, segments.Count);
        int index = 0;
        foreach (long recorderSequence in rig.Recorded.Keys.Order())
        {
            Assert.Equal(rig.Recorded[recorderSequence], rig.Server.StoredContent(TestCredentialsId, segments[index++].Sequence));
        }
    }

    [Fact]
    public void Seals_And_Uploads_Segments_In_Order_And_Deletes_Them_Only_After_Their_Receipts()
    {
        using var rig = new AgentRig(_fixture);
        rig.RecordSegment(40_000);
        rig.RecordSegment(16_384);
        rig.RecordSegment(1);
        rig.RunUntilIdle();

        AssertEverySegmentArrivedIntact(rig);
        Assert.Empty(rig.SegmentFilesOnCard());
        Assert.Equal(rig.Server.CompletedOrder.Count, rig.Checker.Checks);
        Assert.All(rig.Server.Dials, d => Assert.Equal((Support.TestCredentials.Host, 443), d));
        Assert.Equal(AgentStatus.Idle, rig.Agent.Status);
    }

    [Fact]
    public void Boot_At_1970_Seals_With_An_Invalid_Clock_And_Uploads_Nothing_Until_Time_Is_Synced()
    {
        using var rig = new AgentRig(_fixture, wallStartMs: 5_000);
        rig.RecordSegment(20_000);
        rig.Run(60_000);
        Assert.Empty(rig.Server.Dials);
        Assert.Equal(AgentStatus.WaitingForTime, rig.Agent.Status);
        Assert.Contains(rig.SegmentFilesOnCard(), f => f.EndsWith(".SEG"));

        rig.Wall.NowUnixMs = rig.TrueTimeMs; // SNTP sets the clock
        rig.Run(100);
        rig.RecordSegment(20_000);
        rig.RunUntilIdle();

        List<Manifest> chain = Chain(rig);
        Manifest first = chain.First(m => m.Kind == RecordKind.Segment);
        Manifest second = chain.Last(m => m.Kind == RecordKind.Segment);
        Assert.Equal(ClockState.Invalid, first.ClockState);
        Assert.Equal(ClockState.Valid, second.ClockState);
        Assert.Contains(chain, m => m.Event == ContinuityEvent.ClockStep && m.Sequence > first.Sequence && m.Sequence < second.Sequence);
        AssertEverySegmentArrivedIntact(rig);
    }

    [Fact]
    public void Clock_Steps_Are_Recorded_With_Their_Size_And_Sequence_Numbers_Keep_Increasing()
    {
        using var rig = new AgentRig(_fixture);
        rig.Run(100);
        rig.Wall.NowUnixMs += 3_600_000; // the device clock runs an hour fast
        rig.Run(100);
        rig.RecordSegment(10_000);
        rig.RunUntilIdle();
        rig.Wall.NowUnixMs -= 3_600_000; // SNTP corrects it
        rig.Run(100);
        rig.RecordSegment(10_000);
        rig.RunUntilIdle();

        List<Manifest> chain = Chain(rig);
        string described = string.Join(", ", chain.Select(m => $"{m.Sequence}:{m.Kind}/{m.Event}/{m.EventDetail}/{m.ClockState}"));
        List<long> steps = chain.Where(m => m.Event == ContinuityEvent.ClockStep).Select(m => m.EventDetail).ToList();
        Assert.True(steps.SequenceEqual(new long[] { 3_600_000, -3_600_000 }), described);
        Assert.Equal(ClockState.Valid, chain.Last().ClockState);
        AssertEverySegmentArrivedIntact(rig);
    }

    [Fact]
    public void A_Sync_That_Does_Not_Move_The_Clock_Seals_No_Clock_Step_Record()
    {
        using var rig = new AgentRig(_fixture); // started with a right clock, then told SNTP synced
        rig.RecordSegment(10_000);
        rig.RunUntilIdle();
        rig.RecordSegment(10_000);
        rig.RunUntilIdle();

        List<Manifest> chain = Chain(rig);
        Assert.All(chain, m => Assert.Equal(RecordKind.Segment, m.Kind));
        Assert.Equal(ClockState.Valid, chain.Last().ClockState);
        AssertEverySegmentArrivedIntact(rig);
    }

    [Fact]
    public void Survives_Cuts_Server_Errors_And_Rate_Limits_Without_Losing_Or_Reordering_Anything()
    {
        using var rig = new AgentRig(_fixture);
        for (int i = 0; i < 6; i++)
        {
            rig.RecordSegment(50_000 + i * 777);
        }

        rig.Server.CutAfterBytes = 30_000;
        rig.Run(5_000);
        rig.Server.CutAfterBytes = 0;
        rig.Server.FailNextRequests = 5;
        rig.Run(60_000);
        rig.Server.FailStatus = 429;
        rig.Server.FailNextRequests = 3;
        rig.RunUntilIdle(capMs: 4 * 3_600_000);

        AssertEverySegmentArrivedIntact(rig);
        Assert.Empty(rig.SegmentFilesOnCard());
    }

    [Fact]
    public void Seventy_Two_Hours_Of_Outage_Lose_Nothing_Cap_The_Backoff_And_Drain_In_Order_When_The_Server_Returns()
    {
        using var rig = new AgentRig(_fixture);
        rig.IdleStrideMs = Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1" ? 0 : 20_000;
        rig.Server.Down = true;
        var attempts = new List<long>();
        int dials = 0;
        for (int hour = 0; hour < 72; hour++)
        {
            rig.RecordSegment(8_000 + hour);
            rig.Run(3_600_000, r =>
            {
                if (r.Server.Dials.Count != dials)
                {
                    dials = r.Server.Dials.Count;
                    attempts.Add(r.MonotonicMs);
                }
            });
        }

        Assert.Equal(AgentStatus.WaitingForNetwork, rig.Agent.Status);
        long longestGap = attempts.Zip(attempts.Skip(1), (a, b) => b - a).Max();
        Assert.InRange(longestGap, 1, rig.Config.MaxBackoffMs + Math.Max(1000, rig.IdleStrideMs));
        Assert.InRange(attempts.Count, 72 * 3_600_000L / (rig.Config.MaxBackoffMs + 1000), 72 * 3_600_000L / 10_000);

        rig.Server.Down = false;
        rig.IdleStrideMs = 0;
        rig.RunUntilIdle(capMs: 2 * 3_600_000);
        AssertEverySegmentArrivedIntact(rig);
        Assert.Equal(72, rig.Recorded.Count);
    }

    [Fact]
    public void Wifi_Down_Means_No_Dial_At_All_And_The_Status_Says_So()
    {
        using var rig = new AgentRig(_fixture);
        rig.Link.IsUp = false;
        rig.RecordSegment(5_000);
        rig.Run(600_000);
        Assert.Empty(rig.Server.Dials);
        Assert.Equal(AgentStatus.WaitingForNetwork, rig.Agent.Status);
        rig.Link.IsUp = true;
        rig.RunUntilIdle();
        AssertEverySegmentArrivedIntact(rig);
    }

    [Fact]
    public void A_Reboot_Mid_Upload_Records_The_Restart_Seals_The_Unfinished_File_As_Truncated_And_Never_Reuses_A_Sequence()
    {
        using var rig = new AgentRig(_fixture);
        rig.RecordSegment(200_000);
        rig.Run(300); // part of the upload
        rig.RecordSegment(12_345, finish: false); // recording when the power went
        Assert.Equal(AgentStartStatus.Ok, rig.Boot());
        rig.RunUntilIdle();

        List<Manifest> chain = Chain(rig);
        Assert.Contains(chain, m => m.Event == ContinuityEvent.PowerLossRecovery && m.BootCount == 2);
        Manifest truncated = Assert.Single(chain, m => m.Truncated);
        Assert.Equal(12_345, truncated.ContentLength);
        Assert.Equal(chain.Count, chain.Select(m => m.Sequence).Distinct().Count());
        AssertEverySegmentArrivedIntact(rig);
    }

    [Fact]
    public void Records_Recording_Start_And_Stop_In_The_Chain_Around_The_Segments()
    {
        using var rig = new AgentRig(_fixture);
        rig.Agent.NotifyRecordingStarted();
        rig.RecordSegment(3000);
        rig.Run(100);
        rig.Agent.NotifyRecordingStopped();
        rig.RunUntilIdle();
        List<ContinuityEvent> events = Chain(rig).Select(m => m.Event).Where(e => e != ContinuityEvent.ClockStep).ToList();
        Assert.Equal(new[] { ContinuityEvent.RecordingStart, ContinuityEvent.None, ContinuityEvent.RecordingStop }, events);
        List<Manifest> chain = Chain(rig);
        Manifest start = chain.Single(m => m.Event == ContinuityEvent.RecordingStart);
        Assert.Equal(start.Sequence, start.RecordingId);
        Assert.Equal(start.Sequence, chain.Single(m => m.Kind == RecordKind.Segment).RecordingId);
        Assert.Equal(start.Sequence, chain.Single(m => m.Event == ContinuityEvent.RecordingStop).RecordingId);
    }

    [Fact]
    public void A_Second_Recording_Is_Named_By_The_Sequence_Of_Its_Own_Start_Record()
    {
        using var rig = new AgentRig(_fixture);
        for (int i = 0; i < 2; i++)
        {
            rig.Agent.NotifyRecordingStarted();
            rig.RecordSegment(3000);
            rig.Run(100);
            rig.Agent.NotifyRecordingStopped();
            rig.RunUntilIdle();
        }

        List<Manifest> chain = Chain(rig);
        Manifest[] starts = chain.Where(m => m.Event == ContinuityEvent.RecordingStart).ToArray();
        Assert.Equal(2, starts.Length);
        foreach (Manifest start in starts)
        {
            Manifest[] members = chain.Where(m => m.Sequence > start.Sequence).TakeWhile(m => m.Event != ContinuityEvent.RecordingStart).ToArray();
            Assert.Equal(start.Sequence, start.RecordingId);
            Assert.Contains(members, m => m.Kind == RecordKind.Segment);
            Assert.All(members, m => Assert.Equal(start.Sequence, m.RecordingId));
        }
    }

    [Fact]
    public void A_Receipt_Signed_By_Any_Other_Key_Deletes_Nothing()
    {
        using var forger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var rig = new AgentRig(_fixture, serverReceiptKey: forger);
        rig.RecordSegment(30_000);
        rig.Run(120_000);

        Assert.NotEmpty(rig.Server.CompletedOrder); // the server believes it is done...
        Assert.Equal(0, rig.Agent.UploadedCount); // ...but the device kept everything
        Assert.Contains(rig.SegmentFilesOnCard(), f => f.EndsWith(".SEG"));
        Assert.Equal(1, rig.Agent.Spool.LiveCount); // the segment, still sealed on the card
    }

    [Fact]
    public void All_Buffers_Fit_The_48_KiB_Budget_With_The_Default_Configuration()
    {
        using var rig = new AgentRig(_fixture);
        Assert.Equal(16384, rig.Config.ChunkSizeBytes);
        Assert.InRange(rig.Agent.BufferBytes, 1, 48 * 1024);
    }

    [Fact]
    public void Steady_State_Upload_Steps_Allocate_Little_In_Core()
    {
        using var rig = new AgentRig(_fixture);
        rig.RecordSegment(1_600_000);
        rig.Run(2_000);
        // From here on each step sends one 16 KiB chunk; measure 50 of them.
        long before = GC.GetAllocatedBytesForCurrentThread();
        rig.Run(500);
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 50;
        Assert.True(perStep < 4096, $"{perStep} bytes per step (the in-memory server and test rig allocate; Core must not add chunk-sized buffers)");
    }
}
