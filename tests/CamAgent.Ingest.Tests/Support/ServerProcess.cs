using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>`camagent serve --config FILE` in its own process, so it can be SIGKILLed.</summary>
public sealed class ServerProcess : IDisposable
{
    private const string ReadyPrefix = "camagent serve: listening on ";

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
        File.WriteAllText(path, IngestOptionsFile.Serialize(options));
        return path;
    }

    /// <summary>Starts the server (with <paramref name="environment"/> added to its own) and returns once it listens.</summary>
    public static ServerProcess Start(string configPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "camagent.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configPath);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        string? line = process.StandardOutput.ReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        if (line is null || !line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
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
