using CamAgent.Core.Agent;
using CamAgent.Device.TestPorts.Tus;
using nanoFramework.TestFramework;

namespace CamAgent.Device.AgentTests
{
    /// <summary>The link breaks in the middle of a PATCH body; the upload resumes where the server says it stands.</summary>
    [TestClass]
    public class LinkCutTests
    {
        private const int SegmentBytes = 20000;

        /// <summary>Past the first 8 KiB write of the body and inside the second (AgentConstants.UploadBufferBytes).</summary>
        private const int CutAfterBodyBytes = 9000;

        private const long RunCapMs = 300000;

        [TestMethod]
        public void A_Link_Cut_Mid_Patch_Resumes_From_The_Server_Offset_And_Stores_The_Segment_Once()
        {
            Scenario s = new Scenario("link cut mid-PATCH");
            DeviceRig rig = new DeviceRig(s, DeviceRig.AgencyStartUnixMs, 2);
            s.Check(rig.Boot(true) == AgentStartStatus.Ok, "agent started");
            string segment = rig.RecordSegment(SegmentBytes);

            s.Step("the first PATCH breaks off after " + CutAfterBodyBytes.ToString() + " body bytes");
            rig.Server.CutNextPatchAfterBodyBytes(CutAfterBodyBytes);
            s.Check(rig.RunUntilIdle(RunCapMs), "agent idle within " + RunCapMs.ToString() + " ms");
            s.Equal(1, rig.Server.Cuts, "links cut");
            s.Equal(CutAfterBodyBytes, rig.Server.OffsetAtLastCut, "bytes the server kept from the broken PATCH");

            s.Step("the device asked for the offset and sent only the rest");
            ServerRequest firstPatch = FindPatch(rig, 0);
            ServerRequest resumed = FindPatch(rig, rig.Server.OffsetAtLastCut);
            s.Check(firstPatch != null, "a PATCH from offset 0");
            s.Check(resumed != null, "a PATCH from the server's offset " + rig.Server.OffsetAtLastCut.ToString());
            s.Check(HeadBetween(rig, firstPatch, resumed), "HEAD asked between the broken PATCH and the resumed one");
            s.Equal(2, CountPatches(rig), "PATCH requests");
            s.Check(rig.Server.Connections >= 2, "a new connection after the cut");

            s.Step("the segment is stored once, receipted and deleted");
            Delivery.CheckComplete(rig, new long[] { 0 });
            s.Check(rig.Server.Find(0).ContentEquals(rig.Recorded(segment)), "record 0 holds " + segment);
        }

        private static ServerRequest FindPatch(DeviceRig rig, long offset)
        {
            for (int i = 0; i < rig.Server.Requests.Count; i++)
            {
                ServerRequest request = (ServerRequest)rig.Server.Requests[i];
                if (request.Method == "PATCH" && request.Offset == offset)
                {
                    return request;
                }
            }

            return null;
        }

        private static int CountPatches(DeviceRig rig)
        {
            int count = 0;
            for (int i = 0; i < rig.Server.Requests.Count; i++)
            {
                if (((ServerRequest)rig.Server.Requests[i]).Method == "PATCH")
                {
                    count++;
                }
            }

            return count;
        }

        private static bool HeadBetween(DeviceRig rig, ServerRequest first, ServerRequest second)
        {
            int from = rig.Server.Requests.IndexOf(first);
            int to = rig.Server.Requests.IndexOf(second);
            for (int i = from + 1; i < to; i++)
            {
                if (((ServerRequest)rig.Server.Requests[i]).Method == "HEAD")
                {
                    return true;
                }
            }

            return false;
        }
    }
}
