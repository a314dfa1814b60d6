using CamAgent.Core.Evidence;

namespace CamAgent.Verification;

/// <summary>
/// Checks the time attestation of the chain (docs/evidence-format.md §7.3): each record against
/// itself; every record against the one before it when either is a continuity record, and
/// consecutive segments against each other (boot counter, monotonic time within a boot, wall time
/// unless a clock step or restart explains it); and receipts against records.
/// </summary>
public static class TimeAnalyzer
{
    /// <summary>
    /// Server and device clocks are independent; a receipt may appear earlier than the record's
    /// end by this much before it is called implausible (generous: the device's own uncertainty
    /// is added on top).
    /// </summary>
    public const long ReceiptClockToleranceMs = 5 * 60 * 1000;

    /// <summary>Disagreement between wall and monotonic duration beyond the stated uncertainty that is still accepted (clock drift, rounding).</summary>
    public const long DurationToleranceMs = 1000;

    public static void Analyze(string deviceId, SortedDictionary<long, VerifiedEntry> chain, List<Finding> findings)
    {
        Manifest? previous = null;
        Manifest? previousSegment = null;
        bool explained = false;
        long previousFloor = long.MinValue;
        foreach ((long sequence, VerifiedEntry entry) in chain)
        {
            Manifest manifest = entry.Manifest!;
            CheckRecord(deviceId, sequence, entry, findings);
            if (manifest.TimeFloorMs < previousFloor)
            {
                findings.Add(new Finding(deviceId, sequence, FindingKind.TimeAnomaly, Severity.Warning, "the persisted time floor moved backwards"));
            }

            previousFloor = Math.Max(previousFloor, manifest.TimeFloorMs);
            explained |= manifest.Kind == RecordKind.Continuity && manifest.Event is ContinuityEvent.ClockStep or ContinuityEvent.PowerLossRecovery;
            bool segment = manifest.Kind == RecordKind.Segment;
            if (previous is not null && manifest.BootCount < previous.BootCount)
            {
                findings.Add(new Finding(deviceId, sequence, FindingKind.TimeAnomaly, Severity.Error, "the boot counter went backwards"));
            }
            else if (previous is not null && !(segment && previous.Kind == RecordKind.Segment))
            {
                CheckNeighbours(deviceId, sequence, previous, manifest, explained, findings);
            }

            if (segment)
            {
                if (previousSegment is not null)
                {
                    CheckOrder(deviceId, sequence, previousSegment, manifest, explained, findings);
                }

                previousSegment = manifest;
                explained = false;
            }

            previous = manifest;
        }
    }

    private static void CheckRecord(string deviceId, long sequence, VerifiedEntry entry, List<Finding> findings)
    {
        Manifest manifest = entry.Manifest!;
        if (manifest.ClockState != ClockState.Valid)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.Explanation, Severity.Info,
                manifest.ClockState == ClockState.Invalid
                    ? "the camera had no synchronised clock for this record (it was not yet synchronised after power-on, or fell below its time floor): its wall times are not attested; its place in the chain and its duration on the camera's own clock are"
                    : "the clock stepped during this record: its wall times are bounded by the uncertainty window only"));
            return;
        }

        if (manifest.WallStartMs < manifest.TimeFloorMs)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.TimeAnomaly, Severity.Error, "a valid clock is claimed below the device's persisted time floor"));
        }

        long wall = manifest.WallEndMs - manifest.WallStartMs;
        long monotonic = manifest.MonotonicEndMs - manifest.MonotonicStartMs;
        if (Math.Abs(wall - monotonic) > (2 * manifest.UncertaintyMs) + DurationToleranceMs)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.TimeAnomaly, Severity.Warning,
                $"wall-clock duration {wall} ms and monotonic duration {monotonic} ms disagree beyond the uncertainty"));
        }

        Receipt? receipt = entry.ReceiptVerified ? entry.Receipt?.Receipt : null;
        if (receipt is not null && receipt.ServerTimeMs < manifest.WallEndMs - manifest.UncertaintyMs - ReceiptClockToleranceMs)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.TimeAnomaly, Severity.Error, "the server received this record before the time the record says it ended"));
        }
    }

    // Any record and the one before it, when either is a continuity record (§7.3): a continuity
    // record is marked when its event happens, and the device seals records in sequence order, so
    // within one boot a record never ends before the one before it ended.
    private static void CheckNeighbours(string deviceId, long sequence, Manifest previous, Manifest current, bool explained, List<Finding> findings)
    {
        if (current.BootCount != previous.BootCount)
        {
            return;
        }

        if (current.MonotonicEndMs < previous.MonotonicEndMs)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.TimeAnomaly, Severity.Error,
                $"the record ends before the record before it ({previous.Sequence}) ended on the device's monotonic clock"));
        }

        bool comparable = !explained && current.ClockState == ClockState.Valid && previous.ClockState == ClockState.Valid;
        if (comparable && current.WallEndMs < previous.WallEndMs - previous.UncertaintyMs - current.UncertaintyMs)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.TimeAnomaly, Severity.Error,
                $"the record's wall time ends before the record before it ({previous.Sequence}) ended, and no clock step or restart explains it"));
        }
    }

    // Consecutive segments, possibly with continuity records between them: the next one starts
    // where the previous one was sealed. (The boot counter is checked between every two records.)
    private static void CheckOrder(string deviceId, long sequence, Manifest previous, Manifest current, bool explained, List<Finding> findings)
    {
        if (current.BootCount == previous.BootCount && current.MonotonicStartMs < previous.MonotonicEndMs)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.TimeAnomaly, Severity.Error, "the segment starts before the previous one ended on the device's monotonic clock"));
        }

        bool comparable = !explained && current.BootCount == previous.BootCount
            && current.ClockState == ClockState.Valid && previous.ClockState == ClockState.Valid;
        if (comparable && current.WallStartMs < previous.WallEndMs - previous.UncertaintyMs - current.UncertaintyMs)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.TimeAnomaly, Severity.Error,
                "the segment's wall time starts before the previous segment ended, and no clock step or restart explains it"));
        }
    }
}
