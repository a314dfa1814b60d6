using System.Text;
using System.Text.RegularExpressions;

namespace CamAgent.Cli.Tests.Commands;

/// <summary>
/// docs/cli.md holds, for every verb and parent word, its help as `camagent ... --help` prints it,
/// between `&lt;!-- help: PATH --&gt;` and `&lt;!-- end help --&gt;`. This reads those blocks, renders the
/// real help, and rewrites the blocks (CAMAGENT_UPDATE_DOCS=1) so the reference cannot drift.
/// </summary>
public static partial class CliReference
{
    public const string UpdateVariable = "CAMAGENT_UPDATE_DOCS";

    public static string DocPath => Path.Combine(Reports.HeadlessChromium.RepositoryRoot(), "docs", "cli.md");

    /// <summary>Every command path with help of its own: "" (camagent itself), each parent word, each visible verb.</summary>
    public static IReadOnlyList<string> Paths() =>
        [string.Empty, .. CommandRegistry.Groups.Select(g => g.Name), .. CommandRegistry.All.Where(v => !v.Hidden).Select(v => v.Name)];

    /// <summary>The help `camagent PATH --help` prints, without trailing blank lines.</summary>
    public static string Help(string path)
    {
        var output = new StringWriter();
        string[] args = path.Length == 0 ? ["--help"] : [.. path.Split(' '), "--help"];
        Assert.Equal(ExitCodes.Ok, Program.Run(args, new CliContext(output, new StringWriter(), TextReader.Null)));
        // Lines end without spaces (System.CommandLine leaves one where it wraps), as the page keeps them.
        return string.Join('\n', output.ToString().ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd())).TrimEnd('\n');
    }

    /// <summary>The help blocks of the document, by path.</summary>
    public static Dictionary<string, string> Blocks(string document)
    {
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in Block().Matches(document.ReplaceLineEndings("\n")))
        {
            blocks[match.Groups["path"].Value] = match.Groups["help"].Value.TrimEnd('\n');
        }

        return blocks;
    }

    /// <summary>The document with every block's help replaced by the real help.</summary>
    public static string Regenerate(string document) =>
        Block().Replace(document.ReplaceLineEndings("\n"), match =>
        {
            string path = match.Groups["path"].Value;
            return new StringBuilder().Append("<!-- help: ").Append(path).Append(" -->\n```text\n").Append(Help(path)).Append("\n```\n<!-- end help -->").ToString();
        });

    [GeneratedRegex(@"<!-- help: (?<path>[a-z -]*?) -->\n```text\n(?<help>.*?)```\n<!-- end help -->", RegexOptions.Singleline)]
    private static partial Regex Block();
}
