using System.CommandLine;
using CamAgent.Cli.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent se info`: what the device's secure element reports (docs/secure-element.md §8).</summary>
public sealed class SeInfoCommand : Verb
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

    private readonly Option<string> _port = CliOptions.SerialPort();

    public override string Name => "se info";

    public override string Summary => "Show the secure element of a device in provisioning mode (serial, locks, key, certificate).";

    public override string Details => """
        Asks a device in provisioning mode about its ATECC608 secure element: serial number,
        revision, whether its configuration and data zones are locked, the key slot used for
        signing, whether a certificate is installed, and the public key (docs/secure-element.md §8).
        """;

    public override string ExitCodeText => "0 done; 2 usage; 6 the device did not answer or refused.";

    public override IReadOnlyList<string> Examples => ["stty -F /dev/ttyUSB0 115200 raw -echo", "camagent se info --serial-port /dev/ttyUSB0"];

    protected override IEnumerable<Option> Options => [_port];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        return ProvisioningSession.Run("se info", parse.GetValue(_port)!, _openLink, context, client =>
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
