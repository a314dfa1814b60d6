using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Cli.Provisioning;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent se csr`: a certificate request signed inside the device's secure element.</summary>
public sealed class SeCsrCommand : Verb
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly Func<string, IProvisioningLink> _openLink;

    public SeCsrCommand()
        : this(SerialProvisioningLink.Open)
    {
    }

    public SeCsrCommand(Func<string, IProvisioningLink> openLink)
    {
        _openLink = openLink;
    }

    private readonly Option<string> _port = CliOptions.SerialPort();
    private readonly Option<string> _device = CliOptions.Device("the device id for the request's CN (1-32 of a-z 0-9 -, not starting or ending with -)", required: true);
    private readonly Option<string> _out = CliOptions.Out("the request to write (PEM; never overwritten)");

    public override string Name => "se csr";

    public override string Summary => "Write a PKCS#10 request for a device, signed by its secure element.";

    public override string Details => """
        Reads the public key of the device's ATECC608 (its private key never leaves the chip),
        builds a PKCS#10 certificate request with subject CN=ID, key usage digitalSignature and
        extended key usage clientAuth, has the chip sign it, checks the signature, and writes the
        request as PEM. The chip must be locked (configuration and data zones). Enrol the request
        with 'camagent enrol --csr'.
        """;

    public override string ExitCodeText => "0 written; 2 usage; 3 the output cannot be written; 5 the output file exists; 6 the device did not answer or refused.";

    public override IReadOnlyList<string> Examples => ["camagent se csr --serial-port /dev/ttyUSB0 --device cam-0042 --out cam-0042.csr.pem"];

    protected override IEnumerable<Option> Options => [_port, _device, _out];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        string deviceId = parse.GetValue(_device)!;
        string output = parse.GetValue(_out)!;
        if (!Names.IsValidDeviceId(deviceId))
        {
            context.Error.WriteLine($"camagent se csr: --device must be {Names.DeviceIdRule}");
            return ExitCodes.Usage;
        }

        if (File.Exists(output))
        {
            context.Error.WriteLine($"camagent se csr: '{output}' exists; not overwriting it");
            return ExitCodes.Conflict;
        }

        return ProvisioningSession.Run("se csr", parse.GetValue(_port)!, _openLink, context, client =>
        {
            string pem = BuildRequest(client, deviceId);
            try
            {
                File.WriteAllText(output, pem);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"camagent se csr: cannot write '{output}': {exception.Message}");
                return ExitCodes.BadInput;
            }

            context.Output.WriteLine($"wrote {output} (CN={deviceId}, key in the secure element)");
            return ExitCodes.Ok;
        });
    }

    /// <summary>Builds the request around the chip's key and has the chip sign it; returns PEM.</summary>
    public static string BuildRequest(ProvisioningClient client, string deviceId)
    {
        byte[] point = client.ReadPublicKey();
        using ECDsa publicKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
        var generator = new ChipSignatureGenerator(client, publicKey);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={deviceId}"), generator.PublicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(ClientAuthOid) }, false));
        return request.CreateSigningRequestPem(generator);
    }
}
