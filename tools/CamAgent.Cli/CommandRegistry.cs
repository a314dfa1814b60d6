namespace CamAgent.Cli;

/// <summary>The verbs `camagent` knows, in the order `--help` lists them.</summary>
public static class CommandRegistry
{
    public static IReadOnlyList<ICommand> All { get; } = new ICommand[]
    {
        new Commands.VerifyCommand(),
        new Commands.SeInfoCommand(),
        new Commands.SeCsrCommand(),
        new Commands.SeInstallCommand(),
    };
}
