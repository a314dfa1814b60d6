using System.Diagnostics;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>Runs `camagent` (the built CLI next to the tests) as its own process and returns its exit code.</summary>
public static class CamAgentProcess
{
    public static int Run(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "camagent.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill();
            throw new TimeoutException("camagent " + string.Join(' ', args) + " did not finish");
        }

        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"camagent {string.Join(' ', args)}: exit {process.ExitCode}: {output.Result} {error.Result}");
        }

        return process.ExitCode;
    }
}
