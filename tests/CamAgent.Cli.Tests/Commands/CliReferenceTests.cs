namespace CamAgent.Cli.Tests.Commands;

/// <summary>docs/cli.md shows every verb's real help: a changed option or text fails here until the document follows.</summary>
public sealed class CliReferenceTests
{
    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        foreach (string path in CliReference.Paths())
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Docs_Cli_Md_Shows_The_Real_Help_Of(string path)
    {
        string document = File.ReadAllText(CliReference.DocPath);
        if (Environment.GetEnvironmentVariable(CliReference.UpdateVariable) == "1")
        {
            File.WriteAllText(CliReference.DocPath, CliReference.Regenerate(document));
            document = File.ReadAllText(CliReference.DocPath);
        }

        Dictionary<string, string> blocks = CliReference.Blocks(document);
        string name = path.Length == 0 ? "camagent" : "camagent " + path;
        Assert.True(blocks.ContainsKey(path), $"docs/cli.md has no help block for '{name}': add <!-- help: {path} --> ```text ``` <!-- end help --> under its heading, then run {CliReference.UpdateVariable}=1 dotnet test --filter CliReferenceTests.");
        Assert.True(blocks[path] == CliReference.Help(path), $"docs/cli.md shows an old help of '{name}': run {CliReference.UpdateVariable}=1 dotnet test tests/CamAgent.Cli.Tests --filter CliReferenceTests to rewrite it.");
    }

    [Fact]
    public void Parent_Words_List_Their_Verbs()
    {
        Assert.Contains("flash", CliReference.Help("board"));
        Assert.Contains("list", CliReference.Help("board"));
        foreach (string verb in new[] { "info", "csr", "install" })
        {
            Assert.Contains("  " + verb + " ", CliReference.Help("se"));
        }
    }

    [Fact]
    public void Version_Prints_The_Version_And_The_Commit()
    {
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Ok, Program.Run(["--version"], new CliContext(output, new StringWriter(), TextReader.Null)));
        Assert.Matches(@"^camagent \d+\.\d+\.\d+\S* \(commit ([0-9a-f]{40}|unknown)\)$", output.ToString().Trim());
    }

    [Fact]
    public void Completion_Words_Come_From_The_Command_Tree()
    {
        var output = new StringWriter();

        Program.Run(["completion", "words", "--line", "camagent board fl"], new CliContext(output, new StringWriter(), TextReader.Null));
        Program.Run(["completion", "words", "--line", "camagent board flash --stage "], new CliContext(output, new StringWriter(), TextReader.Null));

        string[] words = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("flash", words);
        Assert.Contains("deploy", words);
        Assert.Contains("firmware", words);
    }
}
