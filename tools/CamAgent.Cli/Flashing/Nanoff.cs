using System.Diagnostics;

namespace CamAgent.Cli.Flashing;

/// <summary>Finds and runs nanoff, nanoFramework's flasher (a .NET tool).</summary>
public static class Nanoff
{
    public const string InstallHint = "install it with: dotnet tool install --global nanoff";

    /// <summary>The full path of nanoff in a PATH folder, or null.</summary>
    public static string? Find() => FindOnPath("nanoff");

    /// <summary>Runs nanoff with <paramref name="arguments"/> (no shell), its output on this console; returns its exit code.</summary>
    public static int Run(string nanoff, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(nanoff) { UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The full path of <paramref name="tool"/> in a PATH folder, or null.</summary>
    public static string? FindOnPath(string tool)
    {
        string[] names = OperatingSystem.IsWindows() ? [tool + ".exe", tool + ".cmd"] : [tool];
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in names)
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
