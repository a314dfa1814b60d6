using System.Net;

namespace CamAgent.Cli.Tests.Egress;

/// <summary>
/// Four network namespaces the test creates and removes: a camera network (10.214.1.0/24) routed
/// through a gateway to the agency (10.214.2.2) and to a foreign server (10.214.3.2). Every link
/// is created inside these namespaces, so nothing is added to the machine's own network and no
/// packet can leave them. IPv6 is off so the captures hold only what the test sends.
/// </summary>
public sealed class GatewayNetwork : IDisposable
{
    public const string CameraNet = "10.214.1.0/24";

    public static readonly IPAddress Camera = IPAddress.Parse("10.214.1.2");

    public static readonly IPAddress Agency = IPAddress.Parse("10.214.2.2");

    public static readonly IPAddress Foreign = IPAddress.Parse("10.214.3.2");

    /// <summary>Every namespace has one interface towards the gateway with this name.</summary>
    public const string Interface = "e0";

    private readonly string _suffix = Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private readonly List<string> _created = [];

    private GatewayNetwork()
    {
    }

    public string CameraNs => "cacam" + _suffix;

    public string GatewayNs => "cagw" + _suffix;

    public string AgencyNs => "caag" + _suffix;

    public string ForeignNs => "cafo" + _suffix;

    /// <summary>
    /// Why this machine cannot run the test (not root, a tool missing), or null. The test fails with
    /// this reason: a network proof that did not run must not look like one that passed.
    /// </summary>
    public static string? MissingPrerequisite()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "the gateway test needs Linux and root (network namespaces, nftables); run ./test.sh as root";
        }

        foreach (string tool in new[] { "ip", "nft", "tcpdump", "openssl" })
        {
            string? missing = MissingTool(tool);
            if (missing is not null)
            {
                return missing;
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="tool"/> cannot be run, or null.</summary>
    public static string? MissingTool(string tool) =>
        Shell.Run("sh", "-c \"command -v " + tool + "\"").Exit == 0
            ? null
            : $"'{tool}' is not installed; ./test.sh installs it (iproute2, nftables, tcpdump, openssl, libpcap)";

    public static GatewayNetwork Create()
    {
        var network = new GatewayNetwork();
        try
        {
            network.Build();
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="command"/> (a shell line) inside <paramref name="ns"/>.</summary>
    public static (int Exit, string Output, string Error) In(string ns, string command) =>
        Shell.Run("ip", $"netns exec {ns} sh -c \"{command}\"");

    private void Build()
    {
        foreach (string ns in new[] { CameraNs, GatewayNs, AgencyNs, ForeignNs })
        {
            Must("ip", $"netns add {ns}");
            _created.Add(ns);
            Must("ip", $"netns exec {ns} sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1");
            Must("ip", $"-n {ns} link set lo up");
        }

        Link(CameraNs, "c0", "10.214.1");
        Link(AgencyNs, "a0", "10.214.2");
        Link(ForeignNs, "f0", "10.214.3");
        Must("ip", $"netns exec {GatewayNs} sysctl -qw net.ipv4.ip_forward=1");
    }

    // A veth pair between the gateway (PREFIX.1 on gatewaySide) and the namespace (PREFIX.2 on e0), default route via the gateway.
    private void Link(string ns, string gatewaySide, string prefix)
    {
        Must("ip", $"-n {GatewayNs} link add {gatewaySide} type veth peer name {Interface} netns {ns}");
        Must("ip", $"-n {GatewayNs} addr add {prefix}.1/24 dev {gatewaySide}");
        Must("ip", $"-n {GatewayNs} link set {gatewaySide} up");
        Must("ip", $"-n {ns} addr add {prefix}.2/24 dev {Interface}");
        Must("ip", $"-n {ns} link set {Interface} up");
        Must("ip", $"-n {ns} route add default via {prefix}.1");
    }

    private static void Must(string file, string arguments)
    {
        (int exit, string _, string error) = Shell.Run(file, arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{file} {arguments}: {error}");
        }
    }

    public void Dispose()
    {
        foreach (string ns in _created)
        {
            Shell.Run("ip", $"netns del {ns}");
        }
    }
}
