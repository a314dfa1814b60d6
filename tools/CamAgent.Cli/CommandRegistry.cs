using CamAgent.Cli.Commands;

namespace CamAgent.Cli;

/// <summary>The verbs `camagent` knows, in the order `--help` lists them.</summary>
public static class CommandRegistry
{
    public static IReadOnlyList<ICommand> All { get; } = new ICommand[]
    {
        new PkiInitCommand(),
        new PkiServerCertCommand(),
        new SeInfoCommand(),
        new SeCsrCommand(),
        new EnrolCommand(),
        new SeInstallCommand(),
        new RenewCommand(),
        new RevokeCommand(),
        new DevicesCommand(),
        new BundleCreateCommand(),
        new BundleVerifyCommand(),
        new BoardListCommand(),
        new BoardShowCommand(),
        new BoardFlashCommand(),
        new VerifyCommand(),
        new ServeCommand(),
        new AuditVerifyCommand(),
        new StoreExportCommand(),
        new EgressPolicyCommand(),
        new EgressAuditCommand(),
        new SimCommand(),
        new DemoCommand(),
    };
}
