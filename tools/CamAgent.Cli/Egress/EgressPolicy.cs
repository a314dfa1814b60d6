using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CamAgent.Core.Config;

namespace CamAgent.Cli.Egress;

/// <summary>
/// What the cameras of one network may reach: the agency host (its name, as the TLS SNI must carry
/// it, and its IPv4 address) on TCP 443 and UDP 123, and optionally one resolver on port 53.
/// One policy feeds both the gateway ruleset and the capture audit, so the two cannot disagree.
/// </summary>
public sealed record EgressPolicy(string AgencyHost, IPNetwork CameraNet, IPAddress AgencyAddress, IPAddress? Resolver)
{
    /// <summary>
    /// Checks every value; <paramref name="problem"/> is one sentence naming the bad value.
    /// The host follows the device configuration's rule (docs/agent.md §3.3): a name, never an IP literal.
    /// </summary>
    public static bool TryCreate(string host, string cameraNet, string agencyAddress, string? resolver, out EgressPolicy? policy, out string problem)
    {
        policy = null;
        ConfigError hostError = HostNameRule.Check(host, out string reason);
        if (hostError != ConfigError.None)
        {
            problem = $"the agency host '{host}' is not a host name the cameras can dial: {reason}.";
            return false;
        }

        if (!TryParseNetwork(cameraNet, out IPNetwork network, out problem)
            || !TryParseAddress("--agency-address", agencyAddress, network, out IPAddress? agency, out problem))
        {
            return false;
        }

        IPAddress? dns = null;
        if (resolver is not null && !TryParseAddress("--dns", resolver, network, out dns, out problem))
        {
            return false;
        }

        policy = new EgressPolicy(host, network, agency!, dns);
        return true;
    }

    /// <summary>True when <paramref name="address"/> is a camera's (inside the camera network).</summary>
    public bool IsCamera(IPAddress address) => CameraNet.Contains(address);

    private static bool TryParseNetwork(string text, out IPNetwork network, out string problem)
    {
        problem = string.Empty;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IsDottedQuad(text[..slash], out IPAddress? address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int prefix) || prefix is < 1 or > 32)
        {
            problem = $"--camera-net '{text}' is not an IPv4 network in CIDR form (for example 10.20.0.0/16).";
            network = default;
            return false;
        }

        network = new IPNetwork(Mask(address!, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
        {
            problem = $"--camera-net '{text}' has host bits set: the network is {network}.";
            return false;
        }

        return true;
    }

    private static bool TryParseAddress(string option, string text, IPNetwork cameras, out IPAddress? address, out string problem)
    {
        problem = string.Empty;
        if (!IsDottedQuad(text, out address))
        {
            problem = $"{option} '{text}' is not an IPv4 address in dotted-decimal form.";
            return false;
        }

        if (cameras.Contains(address!))
        {
            problem = $"{option} {text} is inside the camera network {cameras}: its traffic would never cross the gateway.";
            return false;
        }

        return true;
    }

    // Four decimal parts only: IPAddress.Parse also takes "10.1", "0x0a.0.0.1" and integers, forms a
    // reader of the ruleset would misread.
    private static bool IsDottedQuad(string text, out IPAddress? address)
    {
        address = null;
        string[] parts = text.Split('.');
        if (parts.Length != 4 || !Array.TrueForAll(parts, p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0') && int.Parse(p, CultureInfo.InvariantCulture) <= 255))
        {
            return false;
        }

        address = IPAddress.Parse(text);
        return address.AddressFamily == AddressFamily.InterNetwork;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        byte[] bytes = address.GetAddressBytes();
        uint value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        uint mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        value &= mask;
        return new IPAddress(new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value });
    }
}
