using System.Diagnostics;

namespace CamAgent.Benchmarks.Ingest;

/// <summary>
/// A server the benchmark started in its own process, listening on <see cref="Port"/> of
/// 127.0.0.1, with its configuration and store under one temporary folder: its processor time
/// and peak memory, and on dispose a stop as a service manager does it and the folder deleted
/// when the benchmark ends (<see cref="StoreCleanup"/>).
/// </summary>
internal abstract class BenchServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _root;

    protected BenchServerProcess(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Processor time the server process has used so far, in seconds (NaN where it cannot be read).</summary>
    public double CpuSeconds() => ProcessCpu.Seconds(_process);

    /// <summary>Peak resident set of the server process so far (Linux: VmHWM in /proc/&lt;pid&gt;/status).</summary>
    public string PeakResident()
    {
        string status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return "n/a (no /proc on this system)";
        }

        string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? "n/a" : line["VmHWM:".Length..].Trim();
    }

    public virtual void Dispose()
    {
        Terminate(_process);
        _process.Dispose();
        StoreCleanup.DeleteLater(_root);
    }

    /// <summary>
    /// Stops a server process with SIGTERM, as a service manager does (it finishes what it
    /// flushes and closes its files), then SIGKILL if it has not exited within ten seconds.
    /// </summary>
    public static void Terminate(Process process)
    {
        if (!process.HasExited)
        {
            using (Process? term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                term?.WaitForExit();
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
            }
        }

        process.WaitForExit();
    }
}
