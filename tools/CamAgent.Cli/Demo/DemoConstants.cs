using CamAgent.Core.Evidence;

namespace CamAgent.Cli.Demo;

/// <summary>The demo's sizes and timings, chosen so a full run stays well under a minute on a loaded laptop.</summary>
public static class DemoConstants
{
    /// <summary>Segments the first camera records and uploads directly: small, and not multiples of the chunk size, so last chunks are partial.</summary>
    public static readonly int[] SegmentSizesBytes = [24_000, 48_000, 70_001];

    /// <summary>The segment whose upload is cut: several PATCH requests long, so the server has acknowledged some before the cut.</summary>
    public const int InterruptedSegmentBytes = 200_000;

    /// <summary>Content bytes per PATCH: two evidence chunks, so the interrupted upload spans several requests.</summary>
    public const int PatchSizeBytes = 2 * ContentDigest.DefaultChunkSizeBytes;

    /// <summary>Bytes the proxy lets through from the camera before cutting: past the manifest and the first PATCH requests, well short of the end.</summary>
    public const long CutAfterClientBytes = 110_000;

    /// <summary>The revoked camera's segments.</summary>
    public const int SecondCameraSegmentBytes = 30_000;

    /// <summary>Connect plus TLS handshake, and each read or write: generous, the machine may be busy.</summary>
    public const int NetworkTimeoutMs = 20_000;

    /// <summary>First retry delay: short, so the resumed upload follows the cut at once (the device default is a second).</summary>
    public const int RetryBaseDelayMs = 100;

    /// <summary>Longest retry delay the demo accepts from its backoff.</summary>
    public const int RetryMaxDelayMs = 2_000;

    /// <summary>Retries after which an upload step gives up: a healthy loopback run needs one or two.</summary>
    public const int MaxRetriesPerUpload = 8;

    /// <summary>Monotonic clock when the simulated camera is created: a device boots for a few seconds before it records.</summary>
    public const long MonotonicAtPowerOnMs = 5_000;

    /// <summary>Claimed time uncertainty of the camera clock, as after a recent time sync.</summary>
    public const long ClockUncertaintyMs = 250;

    /// <summary>Age of the camera's last time sync, as the manifest records it.</summary>
    public const long LastSyncAgeMs = 60_000;

    /// <summary>How far below now the camera's persisted time floor lies (its last boot, a day ago).</summary>
    public const long TimeFloorAgeMs = 86_400_000;
}
