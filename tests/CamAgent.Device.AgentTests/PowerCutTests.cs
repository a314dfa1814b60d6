using CamAgent.Core.Agent;
using CamAgent.Core.Evidence;
using CamAgent.Device.TestPorts.Tus;
using nanoFramework.TestFramework;

namespace CamAgent.Device.AgentTests
{
    /// <summary>
    /// The power goes while a sealed record is being committed to the card: its sequence number was
    /// already marked used, so the next boot recovers, skips it for ever and declares the gap in a
    /// signed power-loss record that links to the last record stored (docs/evidence-format.md §5.1).
    /// </summary>
    [TestClass]
    public class PowerCutTests
    {
        private const int SegmentBytes = 8000;
        private const long RunCapMs = 120000;

        [TestMethod]
        public void A_Power_Cut_While_Sealing_Is_Recovered_At_Boot_And_Declared_As_A_Gap()
        {
            Scenario s = new Scenario("power cut during sealing");
            DeviceRig rig = new DeviceRig(s, DeviceRig.AgencyStartUnixMs, 3);

            s.Step("first boot: one segment delivered");
            s.Check(rig.Boot(true) == AgentStartStatus.Ok, "agent started");
            string first = rig.RecordSegment(SegmentBytes);
            s.Check(rig.RunUntilIdle(RunCapMs), "agent idle after the first segment");
            s.Equal(1, rig.Server.RecordCount, "records on the server before the cut");

            s.Step("the power goes while the second segment's record is written to the card");
            string second = rig.RecordSegment(SegmentBytes);
            rig.Store.CutAtWriteTo = ".MAT";
            s.Check(rig.RunUntilPowerCut(RunCapMs), "the card lost power while committing the sealed record");
            s.Check(rig.Store.Exists(DeviceRig.SegmentDirectory + "/" + second), "the unsealed segment survives the cut");

            s.Step("second boot: recovery, then the power-loss record and the segment");
            rig.Store.PowerOn();
            s.Check(rig.Boot(true) == AgentStartStatus.Ok, "agent started after the cut");
            s.Equal(2, rig.Agent.BootCount, "boot count");
            s.Check(rig.RunUntilIdle(RunCapMs), "agent idle after recovery");

            s.Step("sequence 1 is skipped for ever and declared by record 2, which links to record 0");
            s.Check(rig.Server.Find(1) == null, "record 1 never reached the server");
            StoredUpload recovery = rig.Server.Find(2);
            s.Check(recovery != null && recovery.Record.Kind == RecordKind.Continuity && recovery.Record.Event == ContinuityEvent.PowerLossRecovery, "record 2 is the power-loss record");
            s.Equal(1, recovery.Record.EventDetail, "sequence numbers record 2 declares skipped");
            s.Equal(2, recovery.Record.BootCount, "boot count in record 2");

            s.Step("the segment is sealed again under sequence 3 and everything is delivered");
            StoredUpload resealed = rig.Server.Find(3);
            s.Check(resealed != null && resealed.Record.Kind == RecordKind.Segment && resealed.ContentEquals(rig.Recorded(second)), "record 3 holds " + second);
            s.Check(rig.Server.Find(0).ContentEquals(rig.Recorded(first)), "record 0 holds " + first);
            Delivery.CheckComplete(rig, new long[] { 0, 2, 3 });
        }
    }
}
