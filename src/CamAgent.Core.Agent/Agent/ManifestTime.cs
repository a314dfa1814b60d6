using CamAgent.Core.Evidence;
using CamAgent.Core.Time;

namespace CamAgent.Core.Agent
{
    /// <summary>Copies a <see cref="TimeAttestation"/> into a manifest's time fields (docs/agent.md §1).</summary>
    public static class ManifestTime
    {
        /// <summary>
        /// Fills the wall and monotonic bounds, the clock state (Unsynced is recorded as Invalid:
        /// without a sync there is no upper bound), the sync age at the end, the uncertainty (0 when
        /// the state is Invalid, where wall times are not evidence at all) and the floor.
        /// </summary>
        public static void Fill(Manifest manifest, TimeAttestation time)
        {
            manifest.WallStartMs = time.Start.WallUnixMs;
            manifest.WallEndMs = time.End.WallUnixMs;
            manifest.MonotonicStartMs = time.Start.MonotonicMs;
            manifest.MonotonicEndMs = time.End.MonotonicMs;
            manifest.TimeFloorMs = time.End.FloorUnixMs;
            manifest.LastSyncAgeMs = time.End.SyncAgeMs;
            if (time.State == ClockCondition.Valid)
            {
                manifest.ClockState = ClockState.Valid;
                manifest.UncertaintyMs = time.UncertaintyMs;
            }
            else if (time.State == ClockCondition.Stepped)
            {
                manifest.ClockState = ClockState.Stepped;
                manifest.UncertaintyMs = time.UncertaintyMs;
            }
            else
            {
                manifest.ClockState = ClockState.Invalid;
                manifest.UncertaintyMs = 0;
            }
        }
    }
}
