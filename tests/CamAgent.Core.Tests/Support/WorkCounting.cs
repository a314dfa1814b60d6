using CamAgent.Core.Diagnostics;

namespace CamAgent.Tests.Support;

/// <summary>
/// Tests that read <see cref="WorkCounters"/> (process-wide counts) belong to this collection:
/// xunit runs it alone, after the parallel collections, so no other test adds to the counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkCounting
{
    public const string Name = "Work counting";

    /// <summary>CRC-32 bytes, SHA-256 blocks and request-head steps counted while <paramref name="action"/> runs.</summary>
    public static (long Crc32Bytes, long Sha256Blocks, long HeadCharSteps, long HeadBytes) During(Action action)
    {
        long crc = WorkCounters.Crc32Bytes;
        long sha = WorkCounters.Sha256Blocks;
        long steps = WorkCounters.RequestHeadCharSteps;
        long head = WorkCounters.RequestHeadBytes;
        action();
        return (WorkCounters.Crc32Bytes - crc, WorkCounters.Sha256Blocks - sha, WorkCounters.RequestHeadCharSteps - steps, WorkCounters.RequestHeadBytes - head);
    }
}
