using CamAgent.Core.Platform;

namespace CamAgent.Cli.Demo;

/// <summary>
/// A demo camera's log. Warnings and errors are printed (indented, with the device id) so the user
/// sees what the device logs; a repeated TLS warning of the same text (the test-only dial
/// override, once per connection) is printed once. Errors are also kept for the steps to check.
/// </summary>
public sealed class DemoDeviceLog : ILogSink
{
    private const string TlsComponent = "tls";

    private readonly string _deviceId;
    private readonly TextWriter _output;
    private readonly HashSet<string> _printed = new(StringComparer.Ordinal);
    private readonly List<string> _errors = new();
    private readonly object _gate = new();

    public DemoDeviceLog(string deviceId, TextWriter output)
    {
        _deviceId = deviceId;
        _output = output;
    }

    /// <summary>Every error the device logged so far, in order ("component: message").</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return _errors.ToArray();
            }
        }
    }

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
                _errors.Add(component + ": " + message);
            }

            if (component != TlsComponent || _printed.Add(message))
            {
                _output.WriteLine($"    {_deviceId} {level.ToString().ToUpperInvariant()} {component}: {message}");
            }
        }
    }
}
