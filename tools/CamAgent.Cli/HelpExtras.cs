namespace CamAgent.Cli;

/// <summary>What camagent's help adds after System.CommandLine's options and commands sections.</summary>
/// <param name="Details">Paragraphs about what the verb does (may be empty).</param>
/// <param name="ExitCodes">The verb's exit codes, one line (may be empty for parent words).</param>
/// <param name="Examples">Command lines; lines starting '#' are comments.</param>
public sealed record HelpExtras(string Details, string ExitCodes, IReadOnlyList<string> Examples)
{
    public void Write(TextWriter output)
    {
        Section(output, "Details", Details);
        Section(output, "Exit codes", Wrap(ExitCodes, CommandTree.HelpWidth - 2));
        Section(output, "Examples", string.Join('\n', Examples));
    }

    /// <summary>Breaks one long line into lines of at most <paramref name="width"/> columns at spaces.</summary>
    private static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        string line = string.Empty;
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = string.Empty;
            }

            line = line.Length == 0 ? word : line + " " + word;
        }

        lines.Add(line);
        return string.Join('\n', lines);
    }

    private static void Section(TextWriter output, string title, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        output.WriteLine(title + ":");
        foreach (string line in text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            output.WriteLine(line.Length == 0 ? string.Empty : "  " + line);
        }

        output.WriteLine();
    }
}
