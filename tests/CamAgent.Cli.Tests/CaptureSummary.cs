namespace CamAgent.Cli.Tests;

/// <summary>
/// What one address sent during a packet capture: IPv4 packets, TCP payload bytes, connections
/// opened (SYN without ACK) and the distinct "address.port" destinations.
/// </summary>
public sealed record CaptureSummary(int Packets, long PayloadBytes, int ConnectionsOpened, IReadOnlyList<string> Destinations)
{
    public override string ToString() =>
        $"{Packets} packets, {PayloadBytes} TCP payload bytes, {ConnectionsOpened} connections opened, distinct destinations: {string.Join(", ", Destinations)}";
}
