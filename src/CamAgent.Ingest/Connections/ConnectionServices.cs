using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest.Connections;

/// <summary>What the connection middlewares and the TLS settings share.</summary>
internal sealed record ConnectionServices(ConnectionGate Gate, HandshakeInspector Inspector, ServerTlsSettings Tls)
{
    /// <summary>Each device's authenticated connections (<see cref="ConnectionActivity"/>).</summary>
    public DeviceConnections Devices { get; } = new();
}
