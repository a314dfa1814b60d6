using CamAgent.Core.Evidence;

namespace CamAgent.Verification;

/// <summary>
/// Reads the chain as a story (docs/evidence-format.md §5): which records open and close
/// recordings, which legitimate events explain breaks in recording or in time, and which
/// structure the device should never produce. Runs over consecutive authentic records only.
/// </summary>
public static class ContinuityAnalyzer
{
    public static void Analyze(string deviceId, SortedDictionary<long, VerifiedEntry> chain, List<Finding> findings)
    {
        bool recording = false;
        bool known = false;
        long recordingId = 0;
        long? previous = null;
        foreach ((long sequence, VerifiedEntry entry) in chain)
        {
            Manifest manifest = entry.Manifest!;

            // After a gap the recording state is unknown: judge again from the next start or stop.
            known &= previous == sequence - 1;
            previous = sequence;
            if (manifest.Kind == RecordKind.Segment)
            {
                CheckSegment(deviceId, sequence, manifest, known, recording, recordingId, findings);
                continue;
            }

            string? explanation = Explain(manifest, recording);
            if (explanation is not null)
            {
                findings.Add(new Finding(deviceId, sequence, FindingKind.Explanation, Severity.Info, explanation));
            }

            switch (manifest.Event)
            {
                case ContinuityEvent.RecordingStart:
                    if (known && recording)
                    {
                        findings.Add(new Finding(deviceId, sequence, FindingKind.ContinuityAnomaly, Severity.Warning, "a recording starts while the previous one was never closed"));
                    }

                    // The recording id is the sequence number of the recording-start record (§3, key 7).
                    if (manifest.RecordingId != sequence)
                    {
                        findings.Add(new Finding(deviceId, sequence, FindingKind.ContinuityAnomaly, Severity.Warning,
                            $"the recording start names recording {manifest.RecordingId}, not its own sequence number {sequence}"));
                    }

                    // Follow the id the start states, so one wrong start is one warning, not one per segment.
                    recording = true;
                    known = true;
                    recordingId = manifest.RecordingId;
                    break;
                case ContinuityEvent.RecordingStop:
                    if (known && recording && manifest.RecordingId != recordingId)
                    {
                        findings.Add(new Finding(deviceId, sequence, FindingKind.ContinuityAnomaly, Severity.Warning,
                            $"the recording stop names recording {manifest.RecordingId}, but recording {recordingId} is open"));
                    }

                    recording = false;
                    known = true;
                    break;
                case ContinuityEvent.StorageFull:
                case ContinuityEvent.PowerLossRecovery:
                    recording = false;
                    known = true;
                    break;
            }
        }
    }

    private static void CheckSegment(string deviceId, long sequence, Manifest manifest, bool known, bool recording, long recordingId, List<Finding> findings)
    {
        if (manifest.Truncated)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.Explanation, Severity.Info,
                "partial segment recovered after a power cut: it ends where the camera stopped writing"));
        }

        if (known && !recording && !manifest.Truncated)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.ContinuityAnomaly, Severity.Warning, "a segment outside any recording (no recording start since the last stop)"));
        }
        else if (known && recording && manifest.RecordingId != recordingId)
        {
            findings.Add(new Finding(deviceId, sequence, FindingKind.ContinuityAnomaly, Severity.Warning,
                $"the segment names recording {manifest.RecordingId}, but recording {recordingId} is open"));
        }
    }

    private static string? Explain(Manifest manifest, bool recording)
    {
        return manifest.Event switch
        {
            ContinuityEvent.RecordingStart => $"recording {manifest.RecordingId} started",
            ContinuityEvent.RecordingStop => $"recording {manifest.RecordingId} stopped by the officer",
            ContinuityEvent.PowerLossRecovery => (recording
                ? "the camera lost power during a recording and restarted; the recording ended there"
                : "the camera lost power and restarted") + Skipped(manifest),
            ContinuityEvent.StorageFull => "recording halted: storage full",
            ContinuityEvent.ClockStep => manifest.EventDetail == 0
                ? "a clock-step record declaring no step (0 ms): wall times before and after it are not affected"
                : $"the wall clock stepped by {manifest.EventDetail} ms; times before and after are not comparable",
            ContinuityEvent.ConfigChange => "a new configuration was applied",
            ContinuityEvent.RecordQuarantined => $"the device quarantined record {manifest.EventDetail} after the server refused it: it is kept on the camera's card, not uploaded",
            _ => null,
        };
    }

    private static string Skipped(Manifest manifest) => manifest.EventDetail switch
    {
        0 => string.Empty,
        1 => $"; it declares sequence {manifest.SkippedFromSequence} skipped (a commit the power loss cut)",
        _ => $"; it declares sequences {manifest.SkippedFromSequence} to {manifest.Sequence - 1} skipped (commits the power loss cut)",
    };
}
