using CamAgent.Core.Platform;

namespace CamAgent.Cli.Demo;

/// <summary>
/// A demo camera's log. Warnings and errors are printed (indented, with the device id) so the user
/// sees what the device logs; a repeated TLS warning of the same text (the test-only dial
/// override, once per connection) is printed once. Errors are also kept for the steps to check.
/// A step that provokes a failure on purpose (the cut connection, the revoked camera) names what
/// it expects; those lines are printed as expected ("refused as expected: ..."), not as errors.
/// </summary>
public sealed class DemoDeviceLog : ILogSink
{
    private const string TlsComponent = "tls";

    private readonly string _deviceId;
    private readonly TextWriter _output;
    private readonly HashSet<string> _printed = new(StringComparer.Ordinal);
    private readonly List<string> _errors = new();
    private readonly List<(string Fragment, string Label)> _expected = new();
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

    /// <summary>From now on, a warning or error containing <paramref name="fragment"/> is printed as "<paramref name="label"/>: ...".</summary>
    public void Expect(string fragment, string label)
    {
        lock (_gate)
        {
            _expected.Add((fragment, label));
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
                string? expected = _expected.FirstOrDefault(e => message.Contains(e.Fragment, StringComparison.Ordinal)).Label;
                string kind = expected ?? level.ToString().ToUpperInvariant();
                _output.WriteLine($"    {_deviceId} {kind} {component}: {message}");
            }
        }
    }
}
