using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>The ingest server in its own process (<see cref="CrashHost"/>), so it can be SIGKILLed.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>A loopback port free right now, used for every life of the server.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string WriteConfig(IngestOptions options, string path)
    {
        File.WriteAllText(path, JsonSerializer.Serialize(options));
        return path;
    }

    /// <summary>Starts the server and returns once it listens.</summary>
    public static ServerProcess Start(string configPath)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(CrashHost).Assembly.Location);
        start.ArgumentList.Add(CrashHost.Flag);
        start.ArgumentList.Add(configPath);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        string? line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith(CrashHost.ReadyPrefix, StringComparison.Ordinal))
        {
            process.Kill();
            process.WaitForExit();
            throw new InvalidOperationException($"The server process did not start (exit {process.ExitCode}).");
        }

        return new ServerProcess(process);
    }

    /// <summary>SIGKILL: no shutdown code runs, like a power cut of the process.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
