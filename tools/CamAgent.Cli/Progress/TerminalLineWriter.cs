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

    public override void Write(char value)
    {
        if (value == '\n')
        {
            _terminal.WriteLine(_line.ToString().TrimEnd('\r'));
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }
}
