using System.Net;
using CamAgent.Core.Agent;
using CamAgent.Core.Config;
using CamAgent.Simulation.Agent;
using CamAgent.Host.Tls;

namespace CamAgent.Cli.Demo;

/// <summary>
/// A camera on this machine: the device agent configured from the camera's verified device bundle,
/// assembled with the host adapters exactly as `camagent sim` assembles it (<see cref="HostAgentRig"/>:
/// a card folder, a flash folder, the host TLS connector; only the recorder is simulated, with
/// random content). A copy of each recorded segment is kept under <see cref="RecordedFolder"/>,
/// because the agent deletes a segment from the card once its receipt verifies. The device dials
/// only port 443 of its agency host, so the demo uses the host-only dial override (logged as a
/// warning), and taps the connections to show where uploads resumed.
/// </summary>
public sealed class AgentCamera : IDisposable
{
    private readonly HostAgentRig _rig;

    /// <param name="config">The configuration from the camera's device bundle, validated by Core's <see cref="ConfigValidator"/>.</param>
    /// <param name="folder">The camera's own folder (card, flash, recorded copies).</param>
    /// <param name="dialTo">Where the TLS connector dials instead of the agency host's port 443.</param>
    public AgentCamera(DeviceConfig config, string folder, IPEndPoint dialTo, int segmentBytes, TextWriter log)
    {
        DeviceId = config.DeviceId;
        RecordedFolder = Directory.CreateDirectory(Path.Combine(folder, "recorded")).FullName;
        Log = new DemoDeviceLog(DeviceId, log);
        TappedConnector? tap = null;
        _rig = new HostAgentRig(config, new HostAgentRigOptions
        {
            CardFolder = Directory.CreateDirectory(Path.Combine(folder, "card")).FullName,
            FlashFolder = Directory.CreateDirectory(Path.Combine(folder, "flash")).FullName,
            Log = Log,
            SegmentBytes = segmentBytes,
            Tls = new TlsConnectorOptions
            {
                HandshakeTimeoutMs = DemoConstants.NetworkTimeoutMs,
                ReadWriteTimeoutMs = DemoConstants.NetworkTimeoutMs,
                TestOnlyDialOverride = dialTo,
            },
            WrapConnector = tls => tap = new TappedConnector(tls),
        });
        Tap = tap ?? throw new InvalidOperationException("the rig did not hand over its TLS connector.");
    }

    public string DeviceId { get; }

    /// <summary>Copies of every recorded segment, named as the recorder named them on the card.</summary>
    public string RecordedFolder { get; }

    public AgentLoop Agent => _rig.Agent;

    /// <summary>What the agent sent on the wire (PATCH offsets), and how many connections it opened.</summary>
    public TappedConnector Tap { get; }

    /// <summary>The agent's log (warnings and errors are printed).</summary>
    public DemoDeviceLog Log { get; }

    /// <summary>Boots the agent, as after power-on with a synchronised clock, and starts a recording.</summary>
    public bool PowerOn() => _rig.PowerOn() == AgentStartStatus.Ok && Agent.NotifyRecordingStarted();

    /// <summary>The recorder closes one segment on the card; a copy is kept. Returns the copy's path.</summary>
    public string RecordSegment()
    {
        _rig.Recorder.RecordSegment();
        string newest = Directory.GetFiles(_rig.SegmentFolder, "*.SEG").Order(StringComparer.Ordinal).Last();
        string copy = Path.Combine(RecordedFolder, Path.GetFileName(newest));
        File.Copy(newest, copy, overwrite: false);
        return copy;
    }

    /// <summary>
    /// Steps the agent until <paramref name="done"/> holds or <paramref name="timeoutMs"/> passes,
    /// looking again at least every <see cref="DemoConstants.AgentPollMs"/>.
    /// </summary>
    public bool RunUntil(Func<bool> done, int timeoutMs) => _rig.RunUntil(done, timeoutMs, DemoConstants.AgentPollMs);

    /// <summary>Runs until every record sealed so far is receipted and the agent is idle.</summary>
    public bool RunUntilUploaded(int timeoutMs) =>
        RunUntil(() => Agent.Status == AgentStatus.Idle && Agent.Spool.LiveCount == 0 && Agent.UploadedCount == Agent.SealedCount && Agent.SealedCount > 0, timeoutMs);

    public void Dispose() => _rig.Dispose();
}
