using System.Diagnostics;

namespace CamAgent.Cli.Tests.Egress;

/// <summary>Runs a program to completion and returns its exit code and output.</summary>
public static class Shell
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static (int Exit, string Output, string Error) Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish within {Limit}.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
