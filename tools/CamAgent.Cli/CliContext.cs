using Spectre.Console;

namespace CamAgent.Cli;

/// <summary>What a verb may touch of the outside world; tests substitute writers and the input.</summary>
public sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, TextReader input, IAnsiConsole? terminal = null, bool outputIsTerminal = false)
    {
        Output = output;
        Error = error;
        Input = input;
        Terminal = terminal;
        OutputIsTerminal = terminal is not null && outputIsTerminal;
    }

    /// <summary>Results and reports.</summary>
    public TextWriter Output { get; }

    /// <summary>Errors, warnings and progress.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input (secrets may be piped here, never passed on the command line).</summary>
    public TextReader Input { get; }

    /// <summary>
    /// The terminal on standard error when one is attached (progress bars are drawn there), or
    /// null: then progress is plain lines on <see cref="Error"/>.
    /// </summary>
    public IAnsiConsole? Terminal { get; }

    /// <summary>Standard output is the same terminal as <see cref="Terminal"/>: lines may be written through it while a bar is drawn.</summary>
    public bool OutputIsTerminal { get; }

    /// <summary>The process's standard streams; a progress terminal only when standard error is one.</summary>
    public static CliContext ForConsole()
    {
        IAnsiConsole? terminal = Console.IsErrorRedirected || Environment.GetEnvironmentVariable("TERM") == "dumb"
            ? null
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (terminal is not null && Console.WindowWidth > 0)
        {
            // The width the lines wrap at, so a bar redrawn below them lands where they ended.
            terminal.Profile.Width = Console.WindowWidth;
        }
        return new CliContext(Console.Out, Console.Error, Console.In, terminal, !Console.IsOutputRedirected);
    }
}
