using CamAgent.Core.Platform;

namespace CamAgent.Core.Tests.Fakes;

/// <summary>Keeps every log line so tests can assert what was logged (and that secrets were not).</summary>
public sealed class RecordingLog : ILogSink
{
    public List<(LogLevel Level, string Component, string Message)> Lines { get; } = new();

    public bool Enabled { get; set; } = true;

    public void Write(LogLevel level, string component, string message)
    {
        if (Enabled)
        {
            Lines.Add((level, component, message));
        }
    }
}
