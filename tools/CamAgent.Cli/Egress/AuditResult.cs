using System.Diagnostics;

namespace CamAgent.Cli.Egress;

/// <summary>
/// The outcome of auditing one capture: every flow from the camera network with its verdict, what
/// was not judged, and what the run cost (time, peak memory of the process).
/// </summary>
public sealed class AuditResult
{
    private AuditResult(string capture, FlowTracker tracker, long frames, TimeSpan elapsed, long peakBytes)
    {
        Capture = capture;
        Policy = tracker.Policy;
        Frames = frames;
        Ipv4Packets = tracker.Ipv4Packets;
        OtherFrames = tracker.OtherFrames;
        UnrelatedPackets = tracker.UnrelatedPackets;
        UntrackedPackets = tracker.UntrackedPackets;
        Verdicts = tracker.Flows.OrderBy(f => f.FirstUtc).ThenBy(f => f.Key.ToString(), StringComparer.Ordinal)
            .Select(f => FlowJudge.Judge(tracker.Policy, f)).ToList();
        Elapsed = elapsed;
        PeakWorkingSetBytes = peakBytes;
    }

    public string Capture { get; }

    public EgressPolicy Policy { get; }

    public long Frames { get; }

    public long Ipv4Packets { get; }

    public long OtherFrames { get; }

    public long UnrelatedPackets { get; }

    public long UntrackedPackets { get; }

    public IReadOnlyList<FlowVerdict> Verdicts { get; }

    public TimeSpan Elapsed { get; }

    public long PeakWorkingSetBytes { get; }

    /// <summary>Violations: flows judged so, plus one for packets of flows past the table's capacity.</summary>
    public int ViolationCount => Verdicts.Count(v => !v.Allowed) + (UntrackedPackets > 0 ? 1 : 0);

    public bool Clean => ViolationCount == 0;

    /// <summary>Reads and judges <paramref name="capturePath"/>; <paramref name="problem"/> says why it could not be read.</summary>
    public static AuditResult? Run(string capturePath, EgressPolicy policy, out string? problem)
    {
        var clock = Stopwatch.StartNew();
        var tracker = new FlowTracker(policy);
        problem = CaptureReader.Read(capturePath, tracker, out long frames);
        if (problem is not null)
        {
            return null;
        }

        clock.Stop();
        using Process self = Process.GetCurrentProcess();
        return new AuditResult(capturePath, tracker, frames, clock.Elapsed, self.PeakWorkingSet64);
    }
}
