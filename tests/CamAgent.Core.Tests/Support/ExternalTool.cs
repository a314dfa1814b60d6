using System.Diagnostics;

namespace CamAgent.Tests.Support;

/// <summary>Runs an external program to completion and captures its output.</summary>
public static class ExternalTool
{
    private const int TimeoutMs = 120_000;

    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>True when <paramref name="program"/> is found on PATH.</summary>
    public static bool IsOnPath(string program)
    {
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator);
        return directories.Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));
    }

    public static Result Run(string program, IEnumerable<string> arguments, string workingDirectory, byte[]? standardInput = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.BaseStream.Write(standardInput);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(TimeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {TimeoutMs} ms");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
