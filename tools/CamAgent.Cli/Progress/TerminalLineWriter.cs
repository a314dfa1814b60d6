using System.Text;
using Spectre.Console;

namespace CamAgent.Cli.Progress;

/// <summary>
/// Lines written while a progress bar is drawn go through the terminal that draws it, which prints
/// them above the bar instead of tearing it.
/// </summary>
public sealed class TerminalLineWriter : TextWriter
{
    private readonly IAnsiConsole _terminal;
    private readonly StringBuilder _line = new();

    public TerminalLineWriter(IAnsiConsole terminal)
    {
        _terminal = terminal;
    }

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Splits <paramref name="line"/> at spaces into rows of at most <paramref name="width"/> characters.</summary>
    public static IEnumerable<string> Rows(string line, int width)
    {
        string rest = line;
        while (rest.Length > width)
        {
            int cut = rest.LastIndexOf(' ', width);
            cut = cut <= 0 ? width : cut;
            yield return rest[..cut];
            rest = "    " + rest[cut..].TrimStart();
        }

        yield return rest;
    }

    public override void Write(char value)
    {
        if (value == '\n')
        {
            // Wrapped here, below the terminal's width: a row the terminal wrapped by itself would
            // put the redrawn bar over the end of the line.
            foreach (string row in Rows(_line.ToString().TrimEnd('\r'), Math.Max(20, _terminal.Profile.Width - 1)))
            {
                _terminal.Write(new Text(row + "\n"));
            }

            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }
}
