using System.Net;

namespace CamAgent.Cli.Egress;

/// <summary>A flow as the camera opened it: protocol (IANA number), camera address and port, remote address and port.</summary>
public readonly record struct FlowKey(int Protocol, IPAddress Camera, int CameraPort, IPAddress Remote, int RemotePort)
{
    /// <summary>TCP, UDP, ICMP, or the IANA protocol number.</summary>
    public string ProtocolName => Protocol switch
    {
        6 => "tcp",
        17 => "udp",
        1 => "icmp",
        _ => "ip-proto-" + Protocol,
    };

    public override string ToString() => Protocol is 6 or 17
        ? $"{ProtocolName} {Camera}:{CameraPort} -> {Remote}:{RemotePort}"
        : $"{ProtocolName} {Camera} -> {Remote}";
}
