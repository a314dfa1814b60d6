using System.Diagnostics;

namespace CamAgent.Cli.Tests.Install;

/// <summary>
/// camagent packs as a .NET tool that installs and runs: the package made from the repository
/// (the build the tests run on) goes into a temporary tool path, and the installed command prints
/// its version and commit.
/// </summary>
public sealed class ToolInstallTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private readonly TempFolder temp = new();

    [Fact]
    public void The_Packed_Tool_Installs_Into_A_Tool_Path_And_Prints_Its_Version_And_Commit()
    {
        string repository = Reports.HeadlessChromium.RepositoryRoot();
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        string packages = temp.Combine("packages");
        string tools = temp.Combine("tools");

        Dotnet(repository, "pack", "tools/CamAgent.Cli", "-c", configuration, "--no-build", "-o", packages, "-nologo");
        Dotnet(repository, "tool", "install", "camagent", "--tool-path", tools, "--add-source", packages);
        (int exit, string output) = Run(Path.Combine(tools, "camagent"), repository, "--version");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Matches(@"^camagent 0\.\d+\.\d+\S* \(commit ([0-9a-f]{40}|unknown)\)$", output.Trim());
        Assert.Contains("ai-thinker-esp32-cam", Run(Path.Combine(tools, "camagent"), repository, "board", "list").Output);
    }

    public void Dispose() => temp.Dispose();

    private static void Dotnet(string folder, params string[] args)
    {
        (int exit, string output) = Run("dotnet", folder, args);
        Assert.True(exit == 0, $"dotnet {string.Join(' ', args)}: exit {exit}\n{output}");
    }

    private static (int Exit, string Output) Run(string file, string folder, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Bound))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} took longer than {Bound}.");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
