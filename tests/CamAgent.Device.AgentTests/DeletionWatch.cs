using System;

namespace CamAgent.Device.AgentTests
{
    /// <summary>
    /// Checks, after every step, each file the agent deleted since the last look: a segment's
    /// content may go only once the server holds that exact content under a receipt the agent's
    /// checker verified, and a record's manifest or receipt file only once the receipt for its
    /// sequence was verified (docs/agent-storage.md §8). Temporary and journal files are the
    /// spool's own business.
    /// </summary>
    public sealed class DeletionWatch
    {
        private const int SpoolNameDigits = 8;
        private const int HexBase = 16;

        private readonly DeviceRig _rig;
        private int _seen;

        public DeletionWatch(DeviceRig rig)
        {
            _rig = rig;
        }

        public void Check()
        {
            while (_seen < _rig.Store.DeletedPaths.Count)
            {
                Verify((string)_rig.Store.DeletedPaths[_seen]);
                _seen++;
            }
        }

        private void Verify(string path)
        {
            string segmentPrefix = DeviceRig.SegmentDirectory + "/";
            string spoolPrefix = DeviceRig.SpoolDirectory + "/";
            if (path.StartsWith(segmentPrefix))
            {
                byte[] content = _rig.Recorded(path.Substring(segmentPrefix.Length));
                long sequence;
                _rig.Scenario.Check(content != null, "deleted " + path + ", which the recorder never wrote");
                _rig.Scenario.Check(
                    _rig.Server.HoldsReceipted(content, out sequence) && _rig.Checker.Accepted(sequence),
                    "deleted segment " + path + " before the server held its content under a receipt the agent verified");
            }
            else if (path.StartsWith(spoolPrefix) && (path.EndsWith(".MAN") || path.EndsWith(".RCP")))
            {
                long sequence = Convert.ToInt64(path.Substring(spoolPrefix.Length, SpoolNameDigits), HexBase);
                _rig.Scenario.Check(_rig.Checker.Accepted(sequence), "deleted " + path + " before a receipt for record " + sequence.ToString() + " was verified");
            }
        }
    }
}
