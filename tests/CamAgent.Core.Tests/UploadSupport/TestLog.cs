using System.Collections.Concurrent;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Tests.UploadSupport;

/// <summary>Keeps log lines so tests can assert on them.</summary>
public sealed class TestLog : ILogSink
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public void Write(LogLevel level, string component, string message) => Lines.Enqueue($"{level} {component}: {message}");

    public int Count(LogLevel level, string fragment) => Lines.Count(l => l.StartsWith(level.ToString(), StringComparison.Ordinal) && l.Contains(fragment, StringComparison.Ordinal));
}

/// <summary>A seeded random source, so retry delays are reproducible.</summary>
public sealed class SeededRandom(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public void Fill(byte[] buffer, int offset, int count) => _random.NextBytes(buffer.AsSpan(offset, count));
}

/// <summary>Always the same bytes: pins the jitter to a known value.</summary>
public sealed class FixedRandom(byte value) : IRandomSource
{
    public void Fill(byte[] buffer, int offset, int count) => buffer.AsSpan(offset, count).Fill(value);
}

public sealed class FixedWallClock(DateTime utcNow) : IWallClock
{
    public DateTime UtcNow { get; set; } = utcNow;
}
