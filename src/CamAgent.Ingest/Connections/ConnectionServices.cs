using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest.Connections;

/// <summary>What the connection middlewares and the TLS settings share.</summary>
internal sealed record ConnectionServices(ConnectionGate Gate, HandshakeInspector Inspector, ServerTlsSettings Tls);
