namespace CamAgent.Verification;

/// <summary>One line of the chain-of-custody timeline: what a record says and what was proven about it.</summary>
public sealed record RecordSummary(
    long Sequence,
    string Kind,
    long? RecordingId,
    long ContentLength,
    string ContentDigest,
    DateTimeOffset? WallStart,
    DateTimeOffset? WallEnd,
    string ClockState,
    long UncertaintyMs,
    bool Truncated,
    string SignerKind,
    bool Authentic,
    bool ContentVerified,
    bool ReceiptVerified,
    DateTimeOffset? ReceivedAt,
    string Status);
