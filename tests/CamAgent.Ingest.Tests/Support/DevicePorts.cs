using System.Security.Cryptography;
using CamAgent.Core.Platform;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>Host stand-ins for the device's clock, randomness and log, as the Core upload client needs them.</summary>
public sealed class DevicePorts : IWallClock, IRandomSource, ILogSink
{
    public DateTime UtcNow => DateTime.UtcNow;

    public List<string> Lines { get; } = new();

    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));

    public void Write(LogLevel level, string component, string message)
    {
        lock (Lines)
        {
            Lines.Add($"{level} {component}: {message}");
        }
    }
}
