using System.Collections;
using CamAgent.Core.Agent;
using CamAgent.Device.TestPorts.Pki;
using CamAgent.Device.TestPorts.Tus;

namespace CamAgent.Device.AgentTests
{
    /// <summary>
    /// The end state every scenario must reach: the server holds exactly the expected records, each
    /// created with a manifest that verified and linked (or declared its gap), each receipted, each
    /// receipt verified by the agent; every recorded segment's content is on the server byte for
    /// byte; the card keeps neither segments nor records; nothing was refused; and the agent dialled
    /// nothing but the agency host on port 443.
    /// </summary>
    public static class Delivery
    {
        public static void CheckComplete(DeviceRig rig, long[] sequences)
        {
            Scenario s = rig.Scenario;
            s.Equal(0, rig.Server.Refusals.Count, "requests the server refused");
            s.Equal(sequences.Length, rig.Server.RecordCount, "records created on the server");
            for (int i = 0; i < sequences.Length; i++)
            {
                StoredUpload record = rig.Server.Find(sequences[i]);
                s.Check(record != null && record.Receipt != null, "record " + sequences[i].ToString() + " stored with a receipt");
                s.Check(rig.Checker.Accepted(sequences[i]), "the agent verified the receipt of record " + sequences[i].ToString());
            }

            string gap;
            s.Check(rig.Server.ChainIsComplete(out gap), "chain on the server: " + gap);
            s.Equal(0, rig.Checker.Refused, "receipts the agent refused");
            foreach (DictionaryEntry segment in rig.RecordedSegments)
            {
                long sequence;
                s.Check(rig.Server.HoldsReceipted((byte[])segment.Value, out sequence), "segment " + (string)segment.Key + " stored byte for byte under a receipt");
            }

            s.Equal(0, rig.Store.CountFiles(DeviceRig.SegmentDirectory, string.Empty), "files left in " + DeviceRig.SegmentDirectory);
            s.Equal(0, rig.Store.CountFiles(DeviceRig.SpoolDirectory, ".MAN") + rig.Store.CountFiles(DeviceRig.SpoolDirectory, ".RCP"), "records left in the spool");
            s.Equal(0, rig.Agent.Spool.LiveCount, "records the spool still holds");
            s.Check(rig.Agent.Status == AgentStatus.Idle, "agent idle, got " + rig.Agent.Status.ToString());
            CheckDials(rig);
        }

        /// <summary>Every connection went to the agency host on 443 (the egress gate's promise, seen from the platform).</summary>
        public static void CheckDials(DeviceRig rig)
        {
            string agency = TestPki.AgencyHost + ":443";
            for (int i = 0; i < rig.Connector.Dials.Count; i++)
            {
                rig.Scenario.Check((string)rig.Connector.Dials[i] == agency, "dialled " + (string)rig.Connector.Dials[i]);
            }
        }
    }
}
