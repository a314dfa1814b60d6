namespace CamAgent.Cli;

/// <summary>One `camagent` verb. Each verb lives in its own file under Commands/.</summary>
public interface ICommand
{
    /// <summary>The verb path as typed, e.g. "verify" or "pki init".</summary>
    string Name { get; }

    /// <summary>One line for `camagent --help`.</summary>
    string Summary { get; }

    /// <summary>Full help with at least one example, printed for `camagent NAME --help`.</summary>
    string Help { get; }

    /// <summary>Runs the verb with the arguments after its name; returns an <see cref="ExitCodes"/> value.</summary>
    int Run(string[] args, CliContext context);
}
