using System.CommandLine;

namespace CamAgent.Cli;

/// <summary>
/// One `camagent` verb. Each verb lives in its own file under Commands/ and declares its options
/// (System.CommandLine parses and validates them, the same way for every verb) and its help: a
/// one-line summary, the paragraphs after it, the exit codes and at least one example.
/// </summary>
public abstract class Verb
{
    /// <summary>The verb path as typed, e.g. "verify" or "pki init".</summary>
    public abstract string Name { get; }

    /// <summary>One line: the description in the verb's help and in its parent's list.</summary>
    public abstract string Summary { get; }

    /// <summary>What the verb does beyond the summary, as printed after the options.</summary>
    public virtual string Details => string.Empty;

    /// <summary>The exit codes the verb returns, one short line (docs/cli.md names every code).</summary>
    public abstract string ExitCodeText { get; }

    /// <summary>Command lines (with comment lines starting '#') shown under "Examples".</summary>
    public abstract IReadOnlyList<string> Examples { get; }

    /// <summary>Left out of the help of its parent (a verb for scripts, not people).</summary>
    public virtual bool Hidden => false;

    /// <summary>The verb's options, in the order its help lists them.</summary>
    protected abstract IEnumerable<Option> Options { get; }

    /// <summary>Rules between options (one of two given, ...); each error is a usage error (exit 2).</summary>
    protected virtual void Validate(System.CommandLine.Parsing.CommandResult result)
    {
    }

    /// <summary>Does the work once the command line parsed; returns an <see cref="ExitCodes"/> value.</summary>
    protected abstract int Execute(ParseResult parse, CliContext context);

    /// <summary>The System.CommandLine command for this verb, bound to <paramref name="context"/>.</summary>
    public Command Build(CliContext context)
    {
        var command = new Command(Name.Split(' ')[^1], Summary) { Hidden = Hidden };
        foreach (Option option in Options)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(Validate);
        command.SetAction(parse => Execute(parse, context));
        return command;
    }

    /// <summary>Runs this verb (this instance, e.g. one with a test link) with the words after its name.</summary>
    public int Run(string[] args, CliContext context) => Program.Run([.. Name.Split(' '), .. args], context, this);
}
