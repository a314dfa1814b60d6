using CamAgent.Core.Platform;

namespace CamAgent.Host.Agent;

/// <summary>The host's UTC clock (kept by the operating system's NTP client).</summary>
public sealed class SystemWallClock : IWallClock
{
    public DateTime UtcNow => DateTime.UtcNow;
}

/// <summary>The host's network is assumed up; a dial failure still shows as a transport status.</summary>
public sealed class AlwaysUpLink : INetworkLink
{
    public bool IsUp => true;
}

/// <summary>Retry jitter from the operating system's random source.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public void Fill(byte[] buffer, int offset, int count) => System.Security.Cryptography.RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}

/// <summary>Writes Core's log lines to a text writer with a UTC timestamp.</summary>
public sealed class TextLogSink(TextWriter output, LogLevel minimum = LogLevel.Info) : ILogSink
{
    public void Write(LogLevel level, string component, string message)
    {
        if (level >= minimum)
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {level,-7} {component}: {message}");
        }
    }
}
