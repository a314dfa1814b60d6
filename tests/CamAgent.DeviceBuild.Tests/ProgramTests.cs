namespace CamAgent.DeviceBuild.Tests;

/// <summary>The command line: exit codes and what it prints, run in-process on throw-away repositories.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly TempDeviceRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Exits_0_And_Prints_The_Budget_Table_When_Everything_Compiles_Within_Budget()
    {
        _repository.AddProject("Lib/Lib.nfproj", "Lib", "Library", [TempDeviceRepository.Mscorlib]);
        _repository.Write("Lib/Small.cs", "namespace Lib\n{\n    public static class Small\n    {\n        public static int One() { return 1; }\n    }\n}\n");
        _repository.WriteSolution("Lib/Lib.nfproj");

        (int exitCode, string output, string error) = Run("--repo", _repository.Root, "--solution", TempDeviceRepository.SolutionName);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Empty(error);
        Assert.Contains("budget 48,000 B in Debug", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^Lib\s+\d+\s+\d+\s+47,\d{3}\s*$", output);
    }

    [Fact]
    public void Exits_1_And_Prints_Path_Line_Column_For_A_Compile_Error()
    {
        _repository.AddProject("Lib/Lib.nfproj", "Lib", "Library", [TempDeviceRepository.Mscorlib]);
        _repository.Write("Lib/Broken.cs", "namespace Lib\n{\n    public static class Broken\n    {\n        public static int One() { return Missing(); }\n    }\n}\n");
        _repository.WriteSolution("Lib/Lib.nfproj");

        (int exitCode, string output, _) = Run("--repo", _repository.Root, "--solution", TempDeviceRepository.SolutionName);

        Assert.Equal(ExitCodes.BuildFailed, exitCode);
        Assert.Contains("Lib/Broken.cs(5,42): error CS0103: The name 'Missing' does not exist in the current context", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Exits_1_When_An_Assembly_Is_Over_A_Given_Budget()
    {
        _repository.AddProject("Lib/Lib.nfproj", "Lib", "Library", [TempDeviceRepository.Mscorlib]);
        _repository.Write("Lib/Small.cs", "namespace Lib\n{\n    public static class Small\n    {\n        public static int One() { return 1; }\n    }\n}\n");
        _repository.WriteSolution("Lib/Lib.nfproj");

        (int exitCode, string output, _) = Run("--repo", _repository.Root, "--solution", TempDeviceRepository.SolutionName, "--budget-bytes", "1");

        Assert.Equal(ExitCodes.BuildFailed, exitCode);
        Assert.Contains("error: Lib: ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus", "x")]
    [InlineData("--budget-bytes", "lots")]
    [InlineData("--repo")]
    public void Exits_2_With_The_Usage_For_Bad_Arguments(params string[] args)
    {
        (int exitCode, _, string error) = Run(args);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(CommandLine.Usage, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Exits_2_When_The_Solution_Does_Not_Exist()
    {
        (int exitCode, _, string error) = Run("--repo", _repository.Root, "--solution", "Nothing.sln");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("solution not found", error, StringComparison.Ordinal);
    }

    private (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = Program.Run(args, _repository.Root, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
