using CamAgent.Core.Agent;
using CamAgent.Core.Evidence;
using CamAgent.Device.TestPorts.Tus;
using nanoFramework.TestFramework;

namespace CamAgent.Device.AgentTests
{
    /// <summary>The ordinary day: two segments recorded, sealed, uploaded, receipted and deleted.</summary>
    [TestClass]
    public class TwoSegmentsTests
    {
        private const int FirstSegmentBytes = 10000;
        private const int SecondSegmentBytes = 6000;
        private const long RunCapMs = 120000;

        [TestMethod]
        public void Two_Segments_Are_Sealed_Uploaded_Receipted_And_Deleted_In_Order()
        {
            Scenario s = new Scenario("two segments");
            DeviceRig rig = new DeviceRig(s, DeviceRig.AgencyStartUnixMs, 1);

            s.Step("boot with a synchronised clock");
            s.Check(rig.Boot(true) == AgentStartStatus.Ok, "agent started");

            s.Step("the recorder finishes two segments");
            string first = rig.RecordSegment(FirstSegmentBytes);
            string second = rig.RecordSegment(SecondSegmentBytes);

            s.Step("run until nothing waits");
            s.Check(rig.RunUntilIdle(RunCapMs), "agent idle within " + RunCapMs.ToString() + " ms");
            s.Equal(2, rig.Agent.SealedCount, "records sealed");
            s.Equal(2, rig.Agent.UploadedCount, "records receipted and deleted");

            s.Step("the server holds both segments, in recorder order, as sequences 0 and 1");
            Delivery.CheckComplete(rig, new long[] { 0, 1 });
            CheckSegment(s, rig, 0, first, FirstSegmentBytes);
            CheckSegment(s, rig, 1, second, SecondSegmentBytes);
            s.Equal(2, rig.Server.ReceiptsIssued, "receipts issued");
            s.Equal(2, rig.Checker.Checks, "receipts checked by the agent");
        }

        private static void CheckSegment(Scenario s, DeviceRig rig, long sequence, string fileName, int lengthBytes)
        {
            StoredUpload record = rig.Server.Find(sequence);
            s.Check(record.Record.Kind == RecordKind.Segment, "record " + sequence.ToString() + " is a segment");
            s.Equal(lengthBytes, record.Record.ContentLength, "content length in manifest " + sequence.ToString());
            s.Equal(DeviceRig.ChunkSizeBytes, record.Record.ChunkSizeBytes, "chunk size in manifest " + sequence.ToString());
            s.Check(record.ContentEquals(rig.Recorded(fileName)), "record " + sequence.ToString() + " holds " + fileName);
            s.Equal(1, record.Record.BootCount, "boot count in manifest " + sequence.ToString());
        }
    }
}
