using System.Diagnostics;

namespace CamAgent.Cli.Tests;

/// <summary>Runs the real built `camagent` (camagent.dll beside the tests) in a child process.</summary>
public static class CamAgentProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "camagent.dll");

    public static Result RunWith(string workingDirectory, string? standardInput, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (environment is not null)
        {
            foreach (KeyValuePair<string, string> pair in environment)
            {
                start.Environment[pair.Key] = pair.Value;
            }
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"camagent {string.Join(' ', args)} did not finish within {Timeout}.");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    public static Result Run(string workingDirectory, params string[] args) => RunWith(workingDirectory, null, null, args);
}
