namespace CamAgent.Cli.Provisioning;

/// <summary>Opens the link, checks the protocol banner, runs a verb's steps and turns link failures into exit codes.</summary>
public static class ProvisioningSession
{
    public static int Run(string verb, string port, Func<string, IProvisioningLink> openLink, CliContext context, Func<ProvisioningClient, int> steps)
    {
        try
        {
            using IProvisioningLink link = openLink(port);
            var client = new ProvisioningClient(link);
            client.Hello();
            return steps(client);
        }
        catch (ProvisioningException exception)
        {
            context.Error.WriteLine($"camagent {verb}: {exception.Message}");
            return ExitCodes.StepFailed;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or TimeoutException)
        {
            context.Error.WriteLine($"camagent {verb}: cannot talk to the device on '{port}': {exception.Message}");
            return ExitCodes.StepFailed;
        }
    }
}
