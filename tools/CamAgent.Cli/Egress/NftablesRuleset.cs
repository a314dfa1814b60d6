using System.Text;

namespace CamAgent.Cli.Egress;

/// <summary>
/// Writes the gateway's nftables ruleset for an <see cref="EgressPolicy"/> (docs/agency-network.md §3):
/// from the camera network, TCP 443 and UDP 123 to the agency address and (optionally) port 53 to the
/// resolver are counted and accepted; replies come back; everything else the cameras send through
/// or to the gateway is counted, logged with <see cref="EgressConstants.LogPrefix"/> and dropped.
/// The file replaces its own table atomically when loaded again and touches no other table.
/// </summary>
public static class NftablesRuleset
{
    public static string Render(EgressPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        string cameras = policy.CameraNet.ToString();
        var text = new StringBuilder();
        WriteHeader(text, policy);
        text.Append($"table inet {EgressConstants.TableName}\n");
        text.Append($"delete table inet {EgressConstants.TableName}\n\n");
        text.Append($"table inet {EgressConstants.TableName} {{\n");
        WriteCounters(text, policy);
        text.Append("\n\tchain forward {\n");
        text.Append("\t\ttype filter hook forward priority filter; policy accept;\n");
        text.Append($"\t\tip daddr {cameras} ct state established,related accept\n");
        text.Append($"\t\tip saddr {cameras} ip daddr {policy.AgencyAddress} tcp dport {EgressConstants.HttpsPort} counter name agency_https accept\n");
        text.Append($"\t\tip saddr {cameras} ip daddr {policy.AgencyAddress} udp dport {EgressConstants.NtpPort} counter name agency_ntp accept\n");
        if (policy.Resolver is not null)
        {
            text.Append($"\t\tip saddr {cameras} ip daddr {policy.Resolver} meta l4proto {{ tcp, udp }} th dport {EgressConstants.DnsPort} counter name resolver_dns accept\n");
        }

        WriteDrop(text, cameras, "dropped_forward");
        text.Append("\t}\n\n\tchain input {\n");
        text.Append("\t\ttype filter hook input priority filter; policy accept;\n");
        text.Append($"\t\tip saddr {cameras} udp sport {EgressConstants.DhcpClientPort} udp dport {EgressConstants.DhcpServerPort} counter name gateway_dhcp accept\n");
        WriteDrop(text, cameras, "dropped_input");
        text.Append("\t}\n}\n");
        return text.ToString();
    }

    private static void WriteHeader(StringBuilder text, EgressPolicy policy)
    {
        text.Append("#!/usr/sbin/nft -f\n");
        text.Append("# CamAgent egress policy for the gateway of the camera network (docs/agency-network.md).\n");
        text.Append($"# Agency host {policy.AgencyHost} at {policy.AgencyAddress}: evidence on TCP {EgressConstants.HttpsPort}, time on UDP {EgressConstants.NtpPort}.\n");
        text.Append(policy.Resolver is null
            ? "# No resolver: the cameras' configurations carry agency.address and send no DNS.\n"
            : $"# Resolver {policy.Resolver} on port {EgressConstants.DnsPort} (TCP and UDP) for the agency host name.\n");
        text.Append($"# Cameras: {policy.CameraNet}. Everything else they send is counted, logged (\"{EgressConstants.LogPrefix.TrimEnd()}\") and dropped.\n");
        text.Append($"# Load: nft -f FILE    Counters: nft list counters table inet {EgressConstants.TableName}\n\n");
    }

    private static void WriteCounters(StringBuilder text, EgressPolicy policy)
    {
        text.Append($"\tcounter agency_https {{ comment \"cameras to the agency, TCP {EgressConstants.HttpsPort}\" }}\n");
        text.Append($"\tcounter agency_ntp {{ comment \"cameras to the agency, UDP {EgressConstants.NtpPort}\" }}\n");
        if (policy.Resolver is not null)
        {
            text.Append($"\tcounter resolver_dns {{ comment \"cameras to the resolver, port {EgressConstants.DnsPort}\" }}\n");
        }

        text.Append("\tcounter gateway_dhcp { comment \"DHCP renewals to the gateway\" }\n");
        text.Append("\tcounter dropped_forward { comment \"dropped: cameras to anywhere else\" }\n");
        text.Append("\tcounter dropped_input { comment \"dropped: cameras to the gateway itself\" }\n");
    }

    // The counter counts every packet before the log limit is applied; packets over the limit fall
    // through to the plain drop below, unlogged.
    private static void WriteDrop(StringBuilder text, string cameras, string counter)
    {
        int rate = EgressConstants.LogRatePerSecond;
        text.Append($"\t\tip saddr {cameras} counter name {counter} limit rate {rate}/second burst {rate * 2} packets log prefix \"{EgressConstants.LogPrefix}\" level warn drop\n");
        text.Append($"\t\tip saddr {cameras} drop\n");
    }
}
