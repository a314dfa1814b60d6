using System.Globalization;

namespace CamAgent.Cli.Provisioning;

/// <summary>
/// Host side of the provisioning line protocol (docs/secure-element.md §8). Lines from the device
/// that are neither "OK ..." nor "ERR ..." are console log output and are skipped, up to a bound.
/// </summary>
public sealed class ProvisioningClient
{
    public const string ExpectedBanner = "CAMAGENT-PROV 1";

    /// <summary>Log lines tolerated before a reply; a device printing more is not in provisioning mode.</summary>
    private const int MaxSkippedLines = 64;

    private const int PublicKeyBytes = 65;
    private const int SignatureBytes = 64;

    private readonly IProvisioningLink _link;

    public ProvisioningClient(IProvisioningLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        _link = link;
    }

    /// <summary>Checks that the other end speaks this protocol version.</summary>
    public void Hello()
    {
        string banner = Request("HELLO");
        if (banner != ExpectedBanner)
        {
            throw new ProvisioningException("protocol", $"unexpected device protocol '{banner}' (expected '{ExpectedBanner}')");
        }
    }

    public DeviceInfo Info()
    {
        Dictionary<string, string> fields = Request("INFO").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        string Field(string name) => fields.TryGetValue(name, out string? value) ? value : throw new ProvisioningException("protocol", $"INFO reply lacks '{name}'");
        return new DeviceInfo(
            Field("serial"),
            Field("revision"),
            Field("config-locked") == "1",
            Field("data-locked") == "1",
            int.Parse(Field("key-slot"), CultureInfo.InvariantCulture),
            Field("certificate") == "1");
    }

    /// <summary>The chip's public key as a 65-byte SEC1 uncompressed point.</summary>
    public byte[] ReadPublicKey() => DecodeHex(Request("PUBKEY"), PublicKeyBytes);

    /// <summary>Has the chip sign a DER CertificationRequestInfo; returns r || s (64 bytes).</summary>
    public byte[] SignCertificationRequestInfo(byte[] certificationRequestInfo)
    {
        ArgumentNullException.ThrowIfNull(certificationRequestInfo);
        return DecodeHex(Request("SIGNCSR " + Convert.ToHexStringLower(certificationRequestInfo)), SignatureBytes);
    }

    /// <summary>Installs the issued certificate (DER) on the device.</summary>
    public void InstallCertificate(byte[] certificateDer)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        Request("CERT " + Convert.ToHexStringLower(certificateDer));
    }

    private string Request(string line)
    {
        _link.WriteLine(line);
        for (int skipped = 0; skipped <= MaxSkippedLines; skipped++)
        {
            string reply = _link.ReadLine();
            if (reply == "OK" || reply.StartsWith("OK ", StringComparison.Ordinal))
            {
                return reply.Length > 2 ? reply[3..] : string.Empty;
            }

            if (reply.StartsWith("ERR ", StringComparison.Ordinal))
            {
                string code = reply[4..];
                throw new ProvisioningException(code, $"the device refused '{line.Split(' ')[0]}': {code}");
            }
        }

        throw new ProvisioningException("protocol", "no reply from the device among its console output");
    }

    private static byte[] DecodeHex(string text, int expectedBytes)
    {
        try
        {
            byte[] data = Convert.FromHexString(text);
            if (data.Length == expectedBytes)
            {
                return data;
            }
        }
        catch (FormatException)
        {
            // Falls through to the protocol error below: the reply is not the hex it should be.
        }

        throw new ProvisioningException("protocol", $"expected {expectedBytes} bytes of hex from the device");
    }
}
