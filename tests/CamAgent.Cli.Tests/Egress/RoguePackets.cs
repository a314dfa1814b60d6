using System.Text;

namespace CamAgent.Cli.Tests.Egress;

/// <summary>Payloads a rogue process sends: an SNTP client request and a DNS question.</summary>
public static class RoguePackets
{
    private const int SntpPacketBytes = 48;

    /// <summary>An SNTP client request (RFC 4330 §4): LI 0, version 3, mode 3 (client), the rest zero.</summary>
    public static byte[] SntpRequest()
    {
        byte[] packet = new byte[SntpPacketBytes];
        packet[0] = 0x1B;
        return packet;
    }

    /// <summary>A recursive DNS query (RFC 1035 §4.1) for the A record of <paramref name="name"/>.</summary>
    public static byte[] DnsQuery(string name)
    {
        var message = new List<byte> { 0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
        foreach (string label in name.Split('.'))
        {
            message.Add((byte)label.Length);
            message.AddRange(Encoding.ASCII.GetBytes(label));
        }

        message.AddRange([0x00, 0x00, 0x01, 0x00, 0x01]);
        return [.. message];
    }
}
