using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;

namespace CamAgent.Cli.Tests.Egress;

/// <summary>
/// Writes test captures in either file format the audit must read: classic pcap (as tcpdump writes)
/// and pcapng (as tshark and Wireshark write: section header, interface description, enhanced packet
/// blocks). Frames are Ethernet/IPv4 built with PacketDotNet. Streams straight to disk.
/// </summary>
public sealed class CaptureFileWriter : IDisposable
{
    private const uint PcapMagic = 0xA1B2C3D4;
    private const uint SectionHeaderBlock = 0x0A0D0D0A;
    private const uint InterfaceBlock = 1;
    private const uint EnhancedPacketBlock = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const int LinkTypeEthernet = 1;
    private const int SnapLength = 65535;
    private static readonly PhysicalAddress CameraMac = PhysicalAddress.Parse("02-00-00-00-00-02");
    private static readonly PhysicalAddress GatewayMac = PhysicalAddress.Parse("02-00-00-00-00-01");

    private readonly Stream _file;
    private readonly bool _pcapng;

    public CaptureFileWriter(string path, bool pcapng)
    {
        _file = new BufferedStream(File.Create(path), 1 << 20);
        _pcapng = pcapng;
        if (pcapng)
        {
            WriteBlock(SectionHeaderBlock, [.. U32(ByteOrderMagic), .. U16(1), .. U16(0), .. U64(ulong.MaxValue)]);
            WriteBlock(InterfaceBlock, [.. U16(LinkTypeEthernet), .. U16(0), .. U32(SnapLength)]);
        }
        else
        {
            _file.Write([.. U32(PcapMagic), .. U16(2), .. U16(4), .. U32(0), .. U32(0), .. U32(SnapLength), .. U32(LinkTypeEthernet)]);
        }
    }

    public long Length => _file.Length;

    public void Tcp(DateTime utc, string source, int sourcePort, string destination, int destinationPort, uint sequence, byte[] payload)
    {
        var tcp = new TcpPacket((ushort)sourcePort, (ushort)destinationPort) { SequenceNumber = sequence, Acknowledgment = payload.Length > 0, PayloadData = payload };
        Write(utc, source, destination, tcp);
    }

    public void Udp(DateTime utc, string source, int sourcePort, string destination, int destinationPort, byte[] payload)
    {
        var udp = new UdpPacket((ushort)sourcePort, (ushort)destinationPort) { PayloadData = payload };
        Write(utc, source, destination, udp);
    }

    private void Write(DateTime utc, string source, string destination, Packet transport)
    {
        var ip = new IPv4Packet(IPAddress.Parse(source), IPAddress.Parse(destination)) { PayloadPacket = transport, TimeToLive = 64 };
        var ethernet = new EthernetPacket(CameraMac, GatewayMac, EthernetType.IPv4) { PayloadPacket = ip };
        ip.UpdateCalculatedValues();
        WriteFrame(utc, ethernet.Bytes);
    }

    private void WriteFrame(DateTime utc, byte[] frame)
    {
        long micros = (utc - DateTime.UnixEpoch).Ticks / 10;
        if (_pcapng)
        {
            int padded = (frame.Length + 3) & ~3;
            byte[] body = [.. U32(0), .. U32((uint)(micros >> 32)), .. U32((uint)micros), .. U32((uint)frame.Length), .. U32((uint)frame.Length), .. frame, .. new byte[padded - frame.Length]];
            WriteBlock(EnhancedPacketBlock, body);
        }
        else
        {
            _file.Write([.. U32((uint)(micros / 1_000_000)), .. U32((uint)(micros % 1_000_000)), .. U32((uint)frame.Length), .. U32((uint)frame.Length)]);
            _file.Write(frame);
        }
    }

    // Block type, total length, body, total length again (pcapng §3.1).
    private void WriteBlock(uint type, byte[] body)
    {
        uint total = (uint)(body.Length + 12);
        _file.Write([.. U32(type), .. U32(total), .. body, .. U32(total)]);
    }

    private static byte[] U16(ushort value)
    {
        byte[] bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32(uint value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U64(ulong value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    public void Dispose() => _file.Dispose();
}
