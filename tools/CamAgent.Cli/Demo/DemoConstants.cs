namespace CamAgent.Cli.Demo;

/// <summary>The demo's sizes and timings, chosen so a full run stays well under a minute on a loaded laptop.</summary>
public static class DemoConstants
{
    /// <summary>Segments the first camera records before the cut.</summary>
    public const int SegmentsBeforeCut = 3;

    /// <summary>
    /// Bytes per recorded segment: more than one PATCH of the device's upload client (256 KiB), so
    /// a cut mid-upload leaves some content acknowledged; small enough to keep the demo quick.
    /// </summary>
    public const int SegmentBytes = 320_000;

    /// <summary>Camera bytes the proxy lets through once armed: past the first PATCH of the segment, well short of its end.</summary>
    public const long CutAfterClientBytes = 290_000;

    /// <summary>Connect plus TLS handshake, and each read or write: generous, the machine may be busy.</summary>
    public const int NetworkTimeoutMs = 20_000;

    /// <summary>How long a step lets a camera's agent work before it fails: a healthy run needs a few seconds (one retry back-off of about a second included).</summary>
    public const int AgentTimeoutMs = 30_000;

    /// <summary>
    /// Longest wait between two agent steps. The agent asks for up to a second when idle; the demo
    /// looks again sooner because it is waiting for a result, not saving a battery.
    /// </summary>
    public const int AgentPollMs = 20;
}
