using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Cli.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent se install`: puts the issued certificate on the device, after checking it is for the chip's key.</summary>
public sealed class SeInstallCommand : Verb
{
    /// <summary>A device certificate PEM is about 1 KiB; anything this large is not one.</summary>
    private const long MaxPemBytes = 64 * 1024;

    private readonly Func<string, IProvisioningLink> _openLink;

    public SeInstallCommand()
        : this(SerialProvisioningLink.Open)
    {
    }

    public SeInstallCommand(Func<string, IProvisioningLink> openLink)
    {
        _openLink = openLink;
    }

    private readonly Option<string> _port = CliOptions.SerialPort();
    private readonly Option<string> _cert = CliOptions.Text("--cert", "FILE", "the device certificate issued by 'camagent enrol' (PEM)", required: true);

    public override string Name => "se install";

    public override string Summary => "Install the issued device certificate on a device with a secure element.";

    public override string Details => """
        Checks that the certificate carries the public key of the device's secure element, then
        sends it to the device, which checks the same again and stores it. The device signs its
        evidence with this certificate in every record from then on.
        """;

    public override string ExitCodeText => "0 installed; 2 usage; 3 the certificate file cannot be used; 4 the certificate is not for this device's key; 6 the device did not answer or refused.";

    public override IReadOnlyList<string> Examples => ["camagent se install --serial-port /dev/ttyUSB0 --cert pki/devices/cam-0042/device.crt.pem"];

    protected override IEnumerable<Option> Options => [_port, _cert];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        X509Certificate2 certificate;
        try
        {
            string file = parse.GetValue(_cert)!;
            if (new FileInfo(file).Length > MaxPemBytes)
            {
                throw new InvalidDataException($"'{file}' is too large to be a certificate");
            }

            certificate = X509Certificate2.CreateFromPem(File.ReadAllText(file));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or InvalidDataException)
        {
            context.Error.WriteLine("camagent se install: " + exception.Message);
            return ExitCodes.BadInput;
        }

        using (certificate)
        {
            return ProvisioningSession.Run("se install", parse.GetValue(_port)!, _openLink, context, client => Install(client, certificate, context));
        }
    }

    private static int Install(ProvisioningClient client, X509Certificate2 certificate, CliContext context)
    {
        byte[] chipKey = client.ReadPublicKey();
        using ECDsa? certificateKey = certificate.GetECDsaPublicKey();
        ECParameters? parameters = certificateKey?.ExportParameters(false);
        byte[]? certificatePoint = parameters is { } p ? [0x04, .. p.Q.X!, .. p.Q.Y!] : null;
        if (certificatePoint is null || !certificatePoint.AsSpan().SequenceEqual(chipKey))
        {
            context.Error.WriteLine($"camagent se install: the certificate ({certificate.Subject}) is not for this device's secure-element key");
            return ExitCodes.CredentialError;
        }

        client.InstallCertificate(certificate.RawData);
        context.Output.WriteLine($"installed {certificate.Subject} (serial {certificate.SerialNumber}) on the device");
        return ExitCodes.Ok;
    }
}
