using System.Net;
using Microsoft.AspNetCore.Connections;

namespace CamAgent.Ingest.Connections;

/// <summary>One accepted connection as <see cref="ConnectionGate"/> tracks it, from accept until it closes.</summary>
public sealed class PendingConnection
{
    internal PendingConnection(ConnectionContext connection, IPAddress source)
    {
        Connection = connection;
        Source = source;
    }

    internal ConnectionContext Connection { get; }

    /// <summary>The source key (<see cref="SourceAddress"/>).</summary>
    public IPAddress Source { get; }

    /// <summary>True once its TLS handshake accepted a device certificate.</summary>
    public bool IsAuthenticated { get; internal set; }

    internal LinkedListNode<PendingConnection>? Node { get; set; }
}
