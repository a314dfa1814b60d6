using CamAgent.Core.Evidence;

namespace CamAgent.Verification;

/// <summary>
/// Checks the time attestation of the chain (docs/evidence-format.md §7.3): each record against
/// itself, consecutive segments against each other (monotonic time within a boot, wall time
/// unless a clock step or restart explains it), and receipts against records.
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
        VerifiedEntry? previousSegment = null;
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
            if (manifest.Kind == RecordKind.Continuity)
            {
                explained |= manifest.Event is ContinuityEvent.ClockStep or ContinuityEvent.PowerLossRecovery;
                continue;
            }

            if (previousSegment is not null && previousSegment.Manifest!.Sequence < sequence)
            {
                CheckOrder(deviceId, sequence, previousSegment.Manifest!, manifest, explained, findings);
            }

            previousSegment = entry;
            explained = false;
        }
    }

    private static void CheckRecord(string deviceId, long sequence, VerifiedEntry entry, List<Finding> findings)
    {
        Manifest manifest = entry.Manifest!;
        if (manifest.ClockState != ClockState.Valid)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.Explanation, Severity.Info,
                manifest.ClockState == ClockState.Invalid ? "the camera's clock was not trustworthy: wall times of this record are not attested" : "the clock stepped during this record: its wall times are bounded by the uncertainty window only"));
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

    private static void CheckOrder(string deviceId, long sequence, Manifest previous, Manifest current, bool explained, List<Finding> findings)
    {
        if (current.BootCount < previous.BootCount)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.TimeAnomaly, Severity.Error, "the boot counter went backwards"));
            return;
        }

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
