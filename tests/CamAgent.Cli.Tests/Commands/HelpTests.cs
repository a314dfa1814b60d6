namespace CamAgent.Cli.Tests.Commands;

public sealed class HelpTests
{
    public static TheoryData<string> Verbs()
    {
        var data = new TheoryData<string>();
        foreach (Verb verb in CommandRegistry.All.Where(v => !v.Hidden))
        {
            data.Add(verb.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Every_Verb_Has_Help_With_Usage_And_An_Example(string verb)
    {
        var output = new StringWriter();
        int code = Program.Run([.. verb.Split(' '), "--help"], new CliContext(output, new StringWriter(), new StringReader(string.Empty)));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Usage:\n  camagent " + verb, output.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("Examples:", output.ToString());
    }

    [Fact]
    public void Top_Level_Help_Lists_Every_Verb_Through_The_Real_Executable()
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(AppContext.BaseDirectory, "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (VerbGroup group in CommandRegistry.Groups)
        {
            Assert.Contains(group.Name, result.Output);
        }

        foreach (Verb verb in CommandRegistry.All.Where(v => !v.Hidden && !v.Name.Contains(' ', StringComparison.Ordinal)))
        {
            Assert.Contains(verb.Name, result.Output);
        }
    }

    [Fact]
    public void Unknown_Verb_Is_A_Usage_Error()
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(AppContext.BaseDirectory, "frobnicate");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("unknown verb 'frobnicate'", result.Error);
    }

    [Fact]
    public void A_Path_That_Cannot_Be_Written_Is_Reported_As_Bad_Input_Not_A_Crash()
    {
        string root = Directory.CreateTempSubdirectory("camagent-cli-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "not-a-folder"), "a file where a folder is needed");

            CamAgentProcess.Result result = CamAgentProcess.Run(root, "pki", "init", "--pki", Path.Combine(root, "not-a-folder", "pki"), "--agency", "Example PD", "--host", "evidence.example.gov");

            Assert.Equal(ExitCodes.BadInput, result.ExitCode);
            Assert.Contains("could not be read or written", result.Error);
            Assert.DoesNotContain("   at ", result.Error);
            Assert.Equal(new[] { "not-a-folder" }, Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
