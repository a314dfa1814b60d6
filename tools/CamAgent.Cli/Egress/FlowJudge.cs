namespace CamAgent.Cli.Egress;

/// <summary>
/// Judges a flow from the camera network against the <see cref="EgressPolicy"/> (docs/agency-network.md §5):
/// TCP 443 to the agency address with the agency host as SNI; UDP 123 to the agency address; DNS only
/// to the configured resolver and only for the agency host name; DHCP to the gateway. Anything else is a violation.
/// </summary>
public static class FlowJudge
{
    private const int Tcp = 6;
    private const int Udp = 17;

    public static FlowVerdict Judge(EgressPolicy policy, Flow flow)
    {
        FlowKey key = flow.Key;
        bool toAgency = key.Remote.Equals(policy.AgencyAddress);
        if (toAgency && key.Protocol == Tcp && key.RemotePort == EgressConstants.HttpsPort)
        {
            return JudgeHttps(policy, flow);
        }

        if (toAgency && key.Protocol == Udp && key.RemotePort == EgressConstants.NtpPort)
        {
            return new FlowVerdict(flow, true, "time from the agency (NTP)");
        }

        if (key.RemotePort == EgressConstants.DnsPort && key.Protocol is Tcp or Udp)
        {
            return JudgeDns(policy, flow);
        }

        if (key.Protocol == Udp && key.CameraPort == EgressConstants.DhcpClientPort && key.RemotePort == EgressConstants.DhcpServerPort)
        {
            return new FlowVerdict(flow, true, "DHCP (stays on the camera network)");
        }

        return new FlowVerdict(flow, false, Describe(flow) + " to a destination the policy does not allow");
    }

    private static FlowVerdict JudgeHttps(EgressPolicy policy, Flow flow)
    {
        if (flow.Sni == policy.AgencyHost)
        {
            return new FlowVerdict(flow, true, "evidence upload to the agency (TLS, SNI " + flow.Sni + ")");
        }

        if (flow.Sni is not null)
        {
            return new FlowVerdict(flow, false, $"TLS to the agency address names another host (SNI {flow.Sni})");
        }

        if (flow.PayloadOut == 0)
        {
            return new FlowVerdict(flow, true, "connection attempt to the agency (no data sent)");
        }

        string note = flow.Hello is not null ? "capture ends inside the TLS ClientHello" : flow.TlsNote ?? "TLS ClientHello not seen";
        return new FlowVerdict(flow, false, $"data to the agency on {EgressConstants.HttpsPort} without the agency host as SNI ({note})");
    }

    private static FlowVerdict JudgeDns(EgressPolicy policy, Flow flow)
    {
        string names = flow.DnsNames.Count == 0 ? "no readable question" : string.Join(", ", flow.DnsNames);
        if (policy.Resolver is null || !flow.Key.Remote.Equals(policy.Resolver))
        {
            return new FlowVerdict(flow, false, $"DNS query to {flow.Key.Remote}, which is not the configured resolver ({names})");
        }

        List<string> others = flow.DnsNames.Where(n => n != policy.AgencyHost).ToList();
        if (others.Count > 0 || flow.UnreadableDnsQueries > 0)
        {
            string what = others.Count > 0 ? "for " + string.Join(", ", others) : $"{flow.UnreadableDnsQueries} unreadable";
            return new FlowVerdict(flow, false, $"DNS query {what}: only {policy.AgencyHost} may be asked");
        }

        return new FlowVerdict(flow, true, "DNS for the agency host at the configured resolver");
    }

    private static string Describe(Flow flow)
    {
        FlowKey key = flow.Key;
        if (key.Protocol == Tcp)
        {
            string tls = flow.Sni is not null ? $"TLS (SNI {flow.Sni})" : flow.PayloadOut > 0 ? "TCP data" : "TCP connection attempt";
            return $"{tls} on port {key.RemotePort}";
        }

        if (key.Protocol == Udp && key.RemotePort == EgressConstants.NtpPort)
        {
            return "NTP";
        }

        return key.Protocol == Udp ? $"UDP on port {key.RemotePort}" : key.ProtocolName;
    }
}
