using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace CamAgent.Cli.Egress;

/// <summary>
/// Streams a capture file into a <see cref="FlowTracker"/> one packet at a time through libpcap
/// (SharpPcap's file reader: pcap and pcapng as tcpdump, tshark and Wireshark write them) and
/// PacketDotNet's dissectors. Nothing is kept per packet.
/// </summary>
public static class CaptureReader
{
    /// <summary>Reads the whole file. Returns null on success, or one sentence saying why the file could not be read.</summary>
    public static string? Read(string path, FlowTracker tracker, out long frames)
    {
        frames = 0;
        if (!File.Exists(path))
        {
            return $"{path} does not exist.";
        }

        using var device = new CaptureFileReaderDevice(path);
        try
        {
            device.Open();
        }
        catch (PcapException e)
        {
            return $"{path} is not a readable pcap or pcapng capture: {e.Message}";
        }

        LinkLayers link = device.LinkType;
        GetPacketStatus status;
        while ((status = device.GetNextPacket(out PacketCapture capture)) == GetPacketStatus.PacketRead)
        {
            frames++;
            Dissect(link, capture, tracker);
        }

        return status == GetPacketStatus.NoRemainingPackets ? null : $"{path} is damaged after {frames} packets: {device.LastError}";
    }

    private static void Dissect(LinkLayers link, PacketCapture capture, FlowTracker tracker)
    {
        RawCapture raw = capture.GetPacket();
        Packet packet;
        try
        {
            packet = Packet.ParsePacket(link, raw.Data);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            // A frame PacketDotNet cannot dissect carries nothing the audit could judge.
            tracker.AddOtherFrame();
            return;
        }

        IPv4Packet? ip = packet.Extract<IPv4Packet>();
        if (ip is null)
        {
            tracker.AddOtherFrame();
            return;
        }

        DateTime utc = raw.Timeval.Date;
        int protocol = (int)ip.Protocol;
        // Only a first fragment (offset 0) carries the transport header.
        bool transport = ip.FragmentOffset == 0;
        if (transport && ip.PayloadPacket is TcpPacket tcp)
        {
            tracker.Add(utc, ip.SourceAddress, ip.DestinationAddress, protocol, tcp.SourcePort, tcp.DestinationPort, ip.TotalLength, tcp.SequenceNumber, tcp.PayloadData ?? []);
        }
        else if (transport && ip.PayloadPacket is UdpPacket udp)
        {
            tracker.Add(utc, ip.SourceAddress, ip.DestinationAddress, protocol, udp.SourcePort, udp.DestinationPort, ip.TotalLength, 0, udp.PayloadData ?? []);
        }
        else
        {
            tracker.Add(utc, ip.SourceAddress, ip.DestinationAddress, protocol, 0, 0, ip.TotalLength, 0, []);
        }
    }
}
