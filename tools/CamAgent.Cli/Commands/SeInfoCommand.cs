using CamAgent.Cli.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent se info`: what the device's secure element reports (docs/secure-element.md §8).</summary>
public sealed class SeInfoCommand : ICommand
{
    private readonly Func<string, IProvisioningLink> _openLink;

    public SeInfoCommand()
        : this(SerialProvisioningLink.Open)
    {
    }

    /// <summary>Uses <paramref name="openLink"/> to reach the device named by --port (tests: an emulated device).</summary>
    public SeInfoCommand(Func<string, IProvisioningLink> openLink)
    {
        _openLink = openLink;
    }

    public string Name => "se info";

    public string Summary => "Show the secure element of a device in provisioning mode (serial, locks, key, certificate)";

    public string Help => """
        Usage: camagent se info --port <serial-device>

        Asks a device in provisioning mode about its ATECC608 secure element: serial number,
        revision, whether its configuration and data zones are locked, the key slot used for
        signing, whether a certificate is installed, and the public key.

        Exit codes: 0 done; 2 wrong command line; 6 the device did not answer or refused.

        Example:
          stty -F /dev/ttyUSB0 115200 raw -echo
          camagent se info --port /dev/ttyUSB0
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!LinkOptions.TryParse(args, ["--port"], out LinkOptions? options, out string? usage))
        {
            context.Error.WriteLine($"camagent se info: {usage} (see 'camagent se info --help')");
            return ExitCodes.Usage;
        }

        return ProvisioningSession.Run("se info", options!["--port"], _openLink, context, client =>
        {
            DeviceInfo info = client.Info();
            context.Output.WriteLine($"serial:         {info.SerialNumberHex}");
            context.Output.WriteLine($"revision:       {info.RevisionHex}");
            context.Output.WriteLine($"config locked:  {(info.ConfigLocked ? "yes" : "NO")}");
            context.Output.WriteLine($"data locked:    {(info.DataLocked ? "yes" : "NO")}");
            context.Output.WriteLine($"key slot:       {info.KeySlot}");
            context.Output.WriteLine($"certificate:    {(info.HasCertificate ? "installed" : "none")}");
            context.Output.WriteLine($"public key:     {Convert.ToHexStringLower(client.ReadPublicKey())}");
            return ExitCodes.Ok;
        });
    }
}
