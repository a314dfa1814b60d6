using CamAgent.Core.Agent;
using CamAgent.Core.Evidence;
using CamAgent.Device.TestPorts.Platform;
using CamAgent.Device.TestPorts.Tus;
using nanoFramework.TestFramework;

namespace CamAgent.Device.AgentTests
{
    /// <summary>
    /// The device's own boot (docs/agent.md §1): the clock is held at 2000-01-01, below the time
    /// floor, so nothing may be dialled; recording and sealing go on. SNTP then steps the clock onto
    /// the agency's time: the agent takes the step as the sync, seals it as a ClockStep record, and
    /// uploads everything.
    /// </summary>
    [TestClass]
    public class ClockTrustTests
    {
        private const int SegmentBytes = 6000;
        private const long UntrustedMs = 30000;
        private const long SettleMs = 3000;
        private const long RunCapMs = 120000;

        [TestMethod]
        public void Nothing_Is_Dialled_Before_The_Clock_Is_Trusted_And_Everything_Is_Delivered_After_The_Sync()
        {
            Scenario s = new Scenario("clock not yet trusted, then synced");
            DeviceRig rig = new DeviceRig(s, ScenarioClocks.ClockHoldUnixMs, 4);

            s.Step("boot with the clock held below the floor");
            s.Check(rig.Boot(false) == AgentStartStatus.Ok, "agent started");
            string first = rig.RecordSegment(SegmentBytes);
            string second = rig.RecordSegment(SegmentBytes);
            rig.Run(UntrustedMs);

            s.Step("clock untrusted: records sealed, nothing dialled");
            CheckSealedButNotDialled(s, rig, 2);

            s.Step("SNTP steps the clock onto the agency's time");
            long stepMs = rig.Clocks.AgencyUnixMs - rig.Clocks.WallUnixMs;
            rig.Clocks.SetWall(rig.Clocks.AgencyUnixMs);
            rig.Run(SettleMs);
            s.Check(rig.Agent.Clock.IsTrusted, "clock trusted after the step");
            string third = rig.RecordSegment(SegmentBytes);
            s.Check(rig.RunUntilIdle(RunCapMs), "agent idle after the sync");

            s.Step("the records before the sync say the clock was invalid; the step is a signed record");
            Delivery.CheckComplete(rig, new long[] { 0, 1, 2, 3 });
            CheckSegment(s, rig, 0, first, ClockState.Invalid);
            CheckSegment(s, rig, 1, second, ClockState.Invalid);
            Manifest step = rig.Server.Find(2).Record;
            s.Check(step.Kind == RecordKind.Continuity && step.Event == ContinuityEvent.ClockStep, "record 2 is the clock step");
            s.Equal(stepMs, step.EventDetail, "step recorded in record 2, ms");
            CheckSegment(s, rig, 3, third, ClockState.Valid);
        }

        private static void CheckSealedButNotDialled(Scenario s, DeviceRig rig, int records)
        {
            s.Equal(records, rig.Agent.SealedCount, "records sealed with an untrusted clock");
            s.Equal(records, rig.Agent.Spool.LiveCount, "records kept in the spool");
            s.Check(!rig.Agent.Clock.IsTrusted, "clock not trusted");
            s.Equal(0, rig.Connector.Dials.Count, "connection attempts");
            s.Equal(0, rig.Server.Requests.Count, "requests the server saw");
            s.Check(rig.Agent.Status == AgentStatus.WaitingForTime, "status WaitingForTime, got " + rig.Agent.Status.ToString());
        }

        private static void CheckSegment(Scenario s, DeviceRig rig, long sequence, string fileName, ClockState clock)
        {
            StoredUpload record = rig.Server.Find(sequence);
            s.Check(record.Record.Kind == RecordKind.Segment && record.ContentEquals(rig.Recorded(fileName)), "record " + sequence.ToString() + " holds " + fileName);
            s.Check(record.Record.ClockState == clock, "clock state of record " + sequence.ToString() + ": expected " + clock.ToString() + ", got " + record.Record.ClockState.ToString());
        }
    }
}
