using System.Security.Cryptography;
using CamAgent.Core.Platform;

namespace CamAgent.Cli.Demo;

/// <summary>
/// The simulated camera's clock, randomness and log. Warnings and errors are printed (indented,
/// with the device id) so the user sees what the device would log; a repeated warning of the same
/// component and text (the test-only dial override, once per connection) is printed once.
/// </summary>
public sealed class DemoDevicePorts : IWallClock, IRandomSource, ILogSink
{
    private readonly string _deviceId;
    private readonly TextWriter _output;
    private readonly HashSet<string> _printed = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public DemoDevicePorts(string deviceId, TextWriter output)
    {
        _deviceId = deviceId;
        _output = output;
    }

    public DateTime UtcNow => DateTime.UtcNow;

    /// <summary>Every error the device logged, in order ("component: message").</summary>
    public List<string> Errors { get; } = new();

    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));

    public void Write(LogLevel level, string component, string message)
    {
        if (level < LogLevel.Warning)
        {
            return;
        }

        lock (_gate)
        {
            if (level == LogLevel.Error)
            {
                Errors.Add(component + ": " + message);
            }

            if (component != "tls" || _printed.Add(message))
            {
                _output.WriteLine($"    {_deviceId} {level.ToString().ToUpperInvariant()} {component}: {message}");
            }
        }
    }
}
