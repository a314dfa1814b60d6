using CamAgent.Core.Platform;

namespace CamAgent.Host.Platform;

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
