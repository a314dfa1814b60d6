using System.Diagnostics;

namespace CamAgent.Cli.Tests.Egress;

/// <summary>
/// A long-running program inside a network namespace (a server, a capture), started and waited for
/// until it prints its ready line; stopped with SIGINT or SIGTERM on dispose.
/// </summary>
public sealed class NamespaceProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _stopSignal;

    private NamespaceProcess(Process process, string stopSignal)
    {
        _process = process;
        _stopSignal = stopSignal;
    }

    /// <summary>Starts <paramref name="arguments"/> in <paramref name="ns"/> and waits for a line containing <paramref name="ready"/> on stdout or stderr.</summary>
    public static NamespaceProcess Start(string ns, IEnumerable<string> arguments, string ready, string stopSignal)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "netns", "exec", ns }.Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var seen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        DataReceivedEventHandler watch = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lines.Enqueue(e.Data);
            if (e.Data.Contains(ready, StringComparison.Ordinal))
            {
                seen.TrySetResult(true);
            }
        };
        process.OutputDataReceived += watch;
        process.ErrorDataReceived += watch;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new NamespaceProcess(process, stopSignal);
        if (!seen.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            started.Dispose();
            throw new InvalidOperationException($"{string.Join(' ', arguments)} in {ns} did not print '{ready}': {string.Join('\n', lines)}");
        }

        return started;
    }

    /// <summary>Sends the stop signal and waits for the program to end.</summary>
    public void Stop()
    {
        if (_process.HasExited)
        {
            return;
        }

        Shell.Run("kill", $"-{_stopSignal} {_process.Id}");
        if (!_process.WaitForExit(10_000))
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }
}
