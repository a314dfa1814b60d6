using System.Net;

namespace CamAgent.Cli.Egress;

/// <summary>
/// Folds packets into flows from the camera network, one entry per flow and nothing per packet, so
/// memory depends on how many flows the cameras opened (at most <see cref="EgressConstants.MaxFlows"/>),
/// never on the size of the capture. Packets to a camera count as replies of the flow they answer.
/// </summary>
public sealed class FlowTracker(EgressPolicy policy)
{
    private const int Tcp = 6;
    private const int Udp = 17;
    private readonly Dictionary<FlowKey, Flow> _flows = [];
    private long _pendingHelloBytes;

    public EgressPolicy Policy { get; } = policy;

    public IReadOnlyCollection<Flow> Flows => _flows.Values;

    /// <summary>IPv4 packets seen.</summary>
    public long Ipv4Packets { get; private set; }

    /// <summary>Frames that carried no IPv4 packet (ARP, IPv6, ...): not judged.</summary>
    public long OtherFrames { get; private set; }

    /// <summary>IPv4 packets neither from a camera nor answering a camera's flow: not judged.</summary>
    public long UnrelatedPackets { get; private set; }

    /// <summary>Packets of flows beyond <see cref="EgressConstants.MaxFlows"/>: counted, not itemised, and a violation.</summary>
    public long UntrackedPackets { get; private set; }

    public void AddOtherFrame() => OtherFrames++;

    /// <summary>One IPv4 packet. <paramref name="payload"/> is the TCP or UDP payload (empty otherwise); the caller keeps it.</summary>
    public void Add(DateTime utc, IPAddress source, IPAddress destination, int protocol, int sourcePort, int destinationPort, int ipBytes, uint tcpSequence, ReadOnlySpan<byte> payload)
    {
        Ipv4Packets++;
        if (Policy.IsCamera(source))
        {
            var key = new FlowKey(protocol, source, sourcePort, destination, destinationPort);
            Flow? flow = Find(key, utc);
            if (flow is null)
            {
                UntrackedPackets++;
                return;
            }

            flow.PacketsOut++;
            flow.BytesOut += ipBytes;
            flow.PayloadOut += payload.Length;
            flow.LastUtc = utc;
            Inspect(flow, tcpSequence, payload);
        }
        else if (Policy.IsCamera(destination) && _flows.TryGetValue(new FlowKey(protocol, destination, destinationPort, source, sourcePort), out Flow? answered))
        {
            answered.PacketsIn++;
            answered.BytesIn += ipBytes;
            answered.LastUtc = utc;
        }
        else
        {
            UnrelatedPackets++;
        }
    }

    private Flow? Find(FlowKey key, DateTime utc)
    {
        if (_flows.TryGetValue(key, out Flow? flow))
        {
            return flow;
        }

        if (_flows.Count >= EgressConstants.MaxFlows)
        {
            return null;
        }

        flow = new Flow(key, utc);
        _flows.Add(key, flow);
        return flow;
    }

    private void Inspect(Flow flow, uint tcpSequence, ReadOnlySpan<byte> payload)
    {
        if (payload.Length == 0)
        {
            return;
        }

        bool dns = flow.Key.RemotePort == EgressConstants.DnsPort;
        if (flow.Key.Protocol == Udp && dns)
        {
            NoteDnsName(flow, DnsQuestion.ReadQueryName(payload));
        }
        else if (flow.Key.Protocol == Tcp)
        {
            AppendStream(flow, tcpSequence, payload, dns);
        }
    }

    // In-order client bytes only: a retransmission or a segment after a gap is skipped, which can
    // only leave a ClientHello unread (reported), never misread.
    private void AppendStream(Flow flow, uint sequence, ReadOnlySpan<byte> payload, bool dns)
    {
        if (flow.StreamStarted && sequence != flow.NextSequence)
        {
            return;
        }

        bool first = !flow.StreamStarted;
        flow.StreamStarted = true;
        flow.NextSequence = unchecked(sequence + (uint)payload.Length);
        if (dns)
        {
            // DNS over TCP: a two-byte length, then the message (RFC 1035 §4.2.2); the first message is read.
            if (first)
            {
                NoteDnsName(flow, payload.Length > 2 ? DnsQuestion.ReadQueryName(payload[2..]) : null);
            }

            return;
        }

        if (first || flow.Hello is not null)
        {
            CollectHello(flow, payload);
        }
    }

    private void CollectHello(Flow flow, ReadOnlySpan<byte> payload)
    {
        if (flow.Hello is null)
        {
            if (_pendingHelloBytes + EgressConstants.MaxHelloBytes > EgressConstants.MaxPendingHelloBytes)
            {
                flow.TlsNote = "ClientHello not read: too many handshakes open at once in the capture";
                return;
            }

            flow.Hello = new byte[EgressConstants.MaxHelloBytes];
            _pendingHelloBytes += flow.Hello.Length;
        }

        int take = Math.Min(payload.Length, flow.Hello.Length - flow.HelloLength);
        payload[..take].CopyTo(flow.Hello.AsSpan(flow.HelloLength));
        flow.HelloLength += take;
        HelloStatus status = TlsClientHello.Read(flow.Hello.AsSpan(0, flow.HelloLength), out string? name);
        if (status == HelloStatus.Incomplete && flow.HelloLength < flow.Hello.Length)
        {
            return;
        }

        flow.Sni = name;
        flow.TlsNote = status switch
        {
            HelloStatus.ServerName => null,
            HelloStatus.NoServerName => "TLS ClientHello without a server name",
            HelloStatus.NotTls => "not TLS: the first bytes are not a TLS handshake",
            _ => "TLS ClientHello unreadable",
        };
        _pendingHelloBytes -= flow.Hello.Length;
        flow.Hello = null;
    }

    private static void NoteDnsName(Flow flow, string? name)
    {
        if (name is null)
        {
            flow.UnreadableDnsQueries++;
        }
        else if (!flow.DnsNames.Contains(name) && flow.DnsNames.Count < EgressConstants.MaxNamesPerFlow)
        {
            flow.DnsNames.Add(name);
        }
    }
}
