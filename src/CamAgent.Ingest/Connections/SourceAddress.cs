using System.Net;
using System.Net.Sockets;

namespace CamAgent.Ingest.Connections;

/// <summary>
/// The unit per-source limits and refusal counts are kept by: an IPv4 address, or the /64 prefix
/// of an IPv6 address (one subscriber is routinely given a whole /64, so counting single IPv6
/// addresses would give one attacker billions of fresh budgets). IPv4-mapped IPv6 counts as IPv4.
/// </summary>
public static class SourceAddress
{
    private const int Ipv6PrefixBytes = 8;

    /// <summary>The key for <paramref name="endPoint"/>; <see cref="IPAddress.None"/> when it is not an IP end point.</summary>
    public static IPAddress Of(EndPoint? endPoint) => endPoint is IPEndPoint ip ? Of(ip.Address) : IPAddress.None;

    public static IPAddress Of(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        byte[] bytes = address.GetAddressBytes();
        Array.Clear(bytes, Ipv6PrefixBytes, bytes.Length - Ipv6PrefixBytes);
        return new IPAddress(bytes);
    }

    /// <summary>How the key is written in the audit log: the address, or the prefix with "/64".</summary>
    public static string Describe(IPAddress key) =>
        key.AddressFamily == AddressFamily.InterNetworkV6 ? key + "/64" : key.ToString();
}
