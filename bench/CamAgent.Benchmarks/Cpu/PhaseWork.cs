using CamAgent.Core.Diagnostics;

namespace CamAgent.Benchmarks.Cpu;

/// <summary>Deterministic work counted over one phase of a segment's life (sealing or uploading), plus what it took on the host.</summary>
internal sealed record PhaseWork(
    long Crc32Bytes,
    long Sha256Bytes,
    long Sha256Blocks,
    long HeadBytes,
    long HeadCharSteps,
    long PortHeadBytes,
    long ResponseHeadBytes,
    long ResponseStringSteps,
    long Requests,
    long JournalWrites,
    long JournalBytes,
    long CoreAllocatedBytes,
    long AdapterAllocatedBytes,
    double HostMs)
{
    /// <summary>Counts since <paramref name="start"/>, taken now.</summary>
    public static PhaseWork Since(Snapshot start, CountingFileStore store, TusSink sink, double hostMs)
    {
        Snapshot now = Snapshot.Take(store, sink);
        long allocated = now.Allocated - start.Allocated;
        long adapter = now.AdapterAllocated - start.AdapterAllocated;
        return new PhaseWork(
            now.Crc - start.Crc, now.ShaBytes - start.ShaBytes, now.ShaBlocks - start.ShaBlocks,
            now.HeadBytes - start.HeadBytes, now.HeadSteps - start.HeadSteps, now.PortHeadBytes - start.PortHeadBytes,
            now.ResponseBytes - start.ResponseBytes, now.ResponseSteps - start.ResponseSteps, now.Requests - start.Requests,
            now.JournalWrites - start.JournalWrites, now.JournalBytes - start.JournalBytes,
            allocated - adapter, adapter, hostMs);
    }

    public PhaseWork Plus(PhaseWork other) => new(
        Crc32Bytes + other.Crc32Bytes, Sha256Bytes + other.Sha256Bytes, Sha256Blocks + other.Sha256Blocks,
        HeadBytes + other.HeadBytes, HeadCharSteps + other.HeadCharSteps, PortHeadBytes + other.PortHeadBytes,
        ResponseHeadBytes + other.ResponseHeadBytes, ResponseStringSteps + other.ResponseStringSteps, Requests + other.Requests,
        JournalWrites + other.JournalWrites, JournalBytes + other.JournalBytes,
        CoreAllocatedBytes + other.CoreAllocatedBytes, AdapterAllocatedBytes + other.AdapterAllocatedBytes, HostMs + other.HostMs);

    /// <summary>True when every count (not the host time) equals <paramref name="other"/>'s.</summary>
    public bool SameCounts(PhaseWork other) => this with { HostMs = 0 } == other with { HostMs = 0 };

    /// <summary>Every counter at one instant.</summary>
    internal readonly record struct Snapshot(
        long Crc, long ShaBytes, long ShaBlocks, long HeadBytes, long HeadSteps, long PortHeadBytes, long ResponseBytes, long ResponseSteps, long Requests,
        long JournalWrites, long JournalBytes, long Allocated, long AdapterAllocated)
    {
        public static Snapshot Take(CountingFileStore store, TusSink sink) => new(
            WorkCounters.Crc32Bytes, WorkCounters.Sha256Bytes, WorkCounters.Sha256Blocks,
            WorkCounters.RequestHeadBytes, WorkCounters.RequestHeadCharSteps, sink.HeadBytes,
            WorkCounters.ResponseHeadBytes, WorkCounters.ResponseStringSteps, sink.Requests,
            store.JournalWrites, store.JournalBytes, GC.GetAllocatedBytesForCurrentThread(), store.AdapterAllocatedBytes);
    }
}
