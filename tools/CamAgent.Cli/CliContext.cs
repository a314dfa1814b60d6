namespace CamAgent.Cli;

/// <summary>What a verb may touch of the outside world; tests substitute writers and the input.</summary>
public sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, TextReader input)
    {
        Output = output;
        Error = error;
        Input = input;
    }

    /// <summary>Results and reports.</summary>
    public TextWriter Output { get; }

    /// <summary>Errors, warnings and progress.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input (secrets may be piped here, never passed on the command line).</summary>
    public TextReader Input { get; }
}
