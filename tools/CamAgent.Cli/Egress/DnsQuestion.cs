using System.Text;

namespace CamAgent.Cli.Egress;

/// <summary>
/// Reads the first question name of a DNS query message (RFC 1035 §4.1.1-4.1.2): header, then QNAME
/// as length-prefixed labels. A query has no earlier names to point at, so a compression pointer
/// (§4.1.4) in a question is refused, as are responses (QR bit set) and messages without a question.
/// </summary>
public static class DnsQuestion
{
    private const int HeaderBytes = 12;
    private const int MaxNameBytes = 255;
    private const int MaxLabelBytes = 63;
    private const byte ResponseFlag = 0x80;

    /// <summary>The lower-cased question name without a trailing dot, or null when <paramref name="message"/> is not a readable query.</summary>
    public static string? ReadQueryName(ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderBytes || (message[2] & ResponseFlag) != 0 || (message[4] << 8 | message[5]) == 0)
        {
            return null;
        }

        var name = new StringBuilder();
        int offset = HeaderBytes;
        while (offset < message.Length)
        {
            int length = message[offset++];
            if (length == 0)
            {
                return name.Length == 0 ? "." : name.ToString().ToLowerInvariant();
            }

            if (length > MaxLabelBytes || length > message.Length - offset || name.Length + length + 1 > MaxNameBytes)
            {
                return null;
            }

            if (name.Length > 0)
            {
                name.Append('.');
            }

            name.Append(Encoding.ASCII.GetString(message.Slice(offset, length)));
            offset += length;
        }

        return null;
    }
}
