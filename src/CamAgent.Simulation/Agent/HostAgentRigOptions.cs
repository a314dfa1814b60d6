using CamAgent.Core.Platform;
using CamAgent.Host.Tls;

namespace CamAgent.Simulation.Agent;

/// <summary>
/// What differs between the hosts that run the device agent on this machine (the simulator, the
/// demo's cameras): where the card and the flash live, where the agent logs, the recorder's
/// segments, the TLS timeouts and dial override, and an optional observer of the connections.
/// </summary>
public sealed class HostAgentRigOptions
{
    /// <summary>The simulated SD card: the recorder's segment folder and the agent's spool live below it.</summary>
    public required string CardFolder { get; init; }

    /// <summary>The simulated internal flash (time floor, boot counter); created if missing.</summary>
    public required string FlashFolder { get; init; }

    /// <summary>Where the agent and the TLS connector log.</summary>
    public required ILogSink Log { get; init; }

    /// <summary>Bytes per segment the simulated recorder writes (at most, with <see cref="VideoPath"/>).</summary>
    public required int SegmentBytes { get; init; }

    /// <summary>A video file the recorder slices into segments; null for random content.</summary>
    public string? VideoPath { get; init; }

    /// <summary>Timeouts of the host TLS connector and its host-only dial override.</summary>
    public TlsConnectorOptions Tls { get; init; } = new();

    /// <summary>
    /// Wraps the host TLS connector before the agent gets it (to observe what goes on the wire);
    /// the wrapper must hand the streams on unchanged. Null: the agent uses the connector itself.
    /// </summary>
    public Func<ITlsConnector, ITlsConnector>? WrapConnector { get; init; }
}
