using CamAgent.Core.Egress;

namespace CamAgent.Cli.Egress;

/// <summary>
/// The numbers and names of the gateway policy and the capture audit, each with its reason
/// (docs/agency-network.md). The evidence port is the firmware's own constant.
/// </summary>
public static class EgressConstants
{
    /// <summary>Evidence uploads: the one port the firmware dials (EgressGate.AgencyPort).</summary>
    public const int HttpsPort = EgressGate.AgencyPort;

    /// <summary>SNTP (RFC 4330): the camera asks the agency host for time on this port only.</summary>
    public const int NtpPort = 123;

    /// <summary>DNS (RFC 1035 §4.2): only when the configuration has no agency.address.</summary>
    public const int DnsPort = 53;

    /// <summary>DHCP client port (RFC 2131 §4.1): renewals from a camera's own address to the gateway.</summary>
    public const int DhcpClientPort = 68;

    /// <summary>DHCP server port (RFC 2131 §4.1).</summary>
    public const int DhcpServerPort = 67;

    /// <summary>The nftables table the policy owns; loading the file again replaces it whole.</summary>
    public const string TableName = "camagent_egress";

    /// <summary>Kernel log prefix of every dropped packet: what `journalctl -k | grep` looks for.</summary>
    public const string LogPrefix = "camagent-egress-drop: ";

    /// <summary>
    /// Dropped packets logged per second (burst twice that). A misbehaving camera retrying in a tight
    /// loop must not flood the gateway's log; the counters still count every packet.
    /// </summary>
    public const int LogRatePerSecond = 10;

    /// <summary>
    /// Distinct flows from the camera network the audit itemises. A fleet's cameras open a few flows
    /// per upload; past this the capture is a scan or a flood, whose further flows are counted, not listed,
    /// and make the audit fail. With at most <see cref="MaxHelloBytes"/> held per open handshake this
    /// bounds the audit's memory whatever the capture's size.
    /// </summary>
    public const int MaxFlows = 50_000;

    /// <summary>
    /// Largest TLS ClientHello reassembled per flow to read its SNI: one TLS record (RFC 8446 §5.1,
    /// 2^14 bytes) plus its 5-byte header. Real ClientHellos, post-quantum key shares included, are under 2 KiB.
    /// </summary>
    public const int MaxHelloBytes = 16_384 + 5;

    /// <summary>Bytes held at once for ClientHellos still being reassembled, across all flows.</summary>
    public const int MaxPendingHelloBytes = 16 * 1024 * 1024;

    /// <summary>Distinct DNS question names kept per flow; more are counted.</summary>
    public const int MaxNamesPerFlow = 8;
}
