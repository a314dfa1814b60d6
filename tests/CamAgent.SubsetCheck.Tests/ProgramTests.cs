namespace CamAgent.SubsetCheck.Tests;

/// <summary>The command line: report format and exit codes, run in-process on real folders.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("subset-check-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Exits_0_And_Prints_The_Summary_For_A_Clean_Folder()
    {
        File.Copy(Path.Combine(TestPaths.CleanSamples, "EnumsOutParamsPatterns.cs"), Path.Combine(_folder, "A.cs"));

        (int exitCode, string output, string error) = Run(_folder, "--allowlist", TestPaths.AllowlistFile);

        Assert.Equal(Program.ExitClean, exitCode);
        Assert.Equal("nanoFramework subset check: 1 files, no violations", output.Trim());
        Assert.Empty(error);
    }

    [Fact]
    public void Exits_1_And_Prints_Path_Line_Column_Rule_For_Each_Violation()
    {
        string file = Path.Combine(_folder, "Bad.cs");
        File.Copy(Path.Combine(TestPaths.BannedSamples, "NullableValueType.cs"), file);
        Directory.CreateDirectory(Path.Combine(_folder, "obj"));
        File.Copy(Path.Combine(TestPaths.BannedSamples, "Record.cs"), Path.Combine(_folder, "obj", "Generated.cs"));

        (int exitCode, string output, _) = Run(_folder, "--allowlist", TestPaths.AllowlistFile);

        Assert.Equal(Program.ExitViolations, exitCode);
        string[] lines = output.Trim().Split(Environment.NewLine);
        Assert.Equal(
            [$"{file}(5,21): NFS001: nullable value type 'int?' is Nullable<T>, a generic type",
             "nanoFramework subset check: 1 files, 1 violation(s) in 1 file(s)"],
            lines);
    }

    [Fact]
    public void Checks_Several_Folders_As_One_Compilation()
    {
        string library = Directory.CreateDirectory(Path.Combine(_folder, "Library")).FullName;
        string app = Directory.CreateDirectory(Path.Combine(_folder, "App")).FullName;
        File.WriteAllText(Path.Combine(library, "Limits.cs"), "namespace L { public static class Limits { public const int Size = 4; } }");
        File.WriteAllText(Path.Combine(app, "User.cs"), "namespace A { public static class User { public static int Twice() { return L.Limits.Size * 2; } } }");

        (int exitCode, string output, string error) = Run(library, app, "--allowlist", TestPaths.AllowlistFile);

        Assert.Equal(Program.ExitClean, exitCode);
        Assert.Equal("nanoFramework subset check: 2 files, no violations", output.Trim());
        Assert.Empty(error);
    }

    [Fact]
    public void Uses_The_Allowlist_Next_To_The_Tool_When_None_Is_Given()
    {
        File.Copy(Path.Combine(TestPaths.CleanSamples, "TimeAndThreads.cs"), Path.Combine(_folder, "A.cs"));

        (int exitCode, _, string error) = Run(_folder);

        Assert.True(File.Exists(Program.DefaultAllowlistPath));
        Assert.Equal(Program.ExitClean, exitCode);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData(new string[0], "no source folder given")]
    [InlineData(new[] { "/nonexistent/a", "/nonexistent/b" }, "source folder not found: /nonexistent/a")]
    [InlineData(new[] { "a", "--verbose" }, "unknown option '--verbose'")]
    [InlineData(new[] { "a", "--allowlist" }, "--allowlist needs a file")]
    [InlineData(new[] { "/nonexistent/camagent-core" }, "source folder not found")]
    public void Exits_2_With_A_Message_On_Usage_Errors(string[] args, string message)
    {
        (int exitCode, string output, string error) = Run(args);

        Assert.Equal(Program.ExitUsage, exitCode);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Exits_2_When_The_Allowlist_Is_Malformed_Or_Missing()
    {
        string allowlist = Path.Combine(_folder, "api.txt");
        File.WriteAllLines(allowlist, ["T:System.Object", "T:System.Object"]);

        (int malformedExit, _, string malformedError) = Run(_folder, "--allowlist", allowlist);
        (int missingExit, _, string missingError) = Run(_folder, "--allowlist", Path.Combine(_folder, "absent.txt"));

        Assert.Equal(Program.ExitUsage, malformedExit);
        Assert.Contains("line 2: duplicate: T:System.Object", malformedError, StringComparison.Ordinal);
        Assert.Equal(Program.ExitUsage, missingExit);
        Assert.Contains("cannot read allowlist", missingError, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = Program.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
