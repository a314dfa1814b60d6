using System.Text;

namespace CamAgent.Cli.Tests.Egress;

/// <summary>A minimal TLS 1.3 ClientHello record (RFC 8446 §4.1.2) with a server_name extension (RFC 6066 §3).</summary>
public static class ClientHelloBytes
{
    public static byte[] With(string? serverName)
    {
        var extensions = new List<byte>();
        if (serverName is not null)
        {
            byte[] name = Encoding.ASCII.GetBytes(serverName);
            byte[] entry = [0x00, .. Be16(name.Length), .. name];
            byte[] list = [.. Be16(entry.Length), .. entry];
            extensions.AddRange([0x00, 0x00, .. Be16(list.Length), .. list]);
        }

        // supported_versions: TLS 1.3 only.
        extensions.AddRange([0x00, 0x2B, 0x00, 0x03, 0x02, 0x03, 0x04]);
        byte[] body = [0x03, 0x03, .. new byte[32], 0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00, .. Be16(extensions.Count), .. extensions];
        byte[] handshake = [0x01, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, .. body];
        return [0x16, 0x03, 0x01, .. Be16(handshake.Length), .. handshake];
    }

    private static byte[] Be16(int value) => [(byte)(value >> 8), (byte)value];
}
