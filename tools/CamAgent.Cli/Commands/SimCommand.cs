using CamAgent.Host.Platform;
using System.CommandLine;
using System.Net;
using CamAgent.Core.Agent;
using CamAgent.Core.Config;
using CamAgent.Simulation.Agent;
using CamAgent.Host.Tls;

namespace CamAgent.Cli.Commands;

/// <summary>
/// `camagent sim`: the device agent's Core with host adapters. A simulated camera writes segments
/// into a card folder; the agent seals them and uploads them to the agency host named in the
/// device configuration, exactly as the firmware does (port 443, pinned CA, client certificate).
/// </summary>
public sealed class SimCommand : Verb
{
    private const int DefaultSegments = 3;
    private const int DefaultSegmentBytes = 256 * 1024;
    private const int DefaultIntervalMs = 1000;
    private const int DefaultTimeoutSeconds = 120;

    private readonly Option<string> _config = CliOptions.Text("--config", "FILE", "device configuration (docs/agent.md, \"Configuration format\")", required: true);
    private readonly Option<string> _card = CliOptions.Text("--card", "DIR", "the simulated SD card (segments and spool)", required: true);
    private readonly Option<string> _state = CliOptions.Text("--state", "DIR", "the simulated internal flash (time floor, boot counter)", required: true);
    private readonly Option<long> _segments = CliOptions.Number("--segments", "N", "segments to record", minimum: 1, fallback: DefaultSegments);
    private readonly Option<long> _segmentBytes = CliOptions.Number("--segment-bytes", "N", "bytes per synthetic segment", minimum: 1, fallback: DefaultSegmentBytes);
    private readonly Option<string> _video = CliOptions.Text("--video", "FILE", "record consecutive slices of this file instead of random bytes", required: false);
    private readonly Option<long> _intervalMs = CliOptions.Number("--interval-ms", "N", "time between segments", minimum: 1, fallback: DefaultIntervalMs);
    private readonly Option<long> _timeoutS = CliOptions.Number("--timeout-s", "N", "give up if not everything is receipted by then", minimum: 1, fallback: DefaultTimeoutSeconds);
    private readonly Option<IPEndPoint?> _connectTo = new("--connect-to")
    {
        Description = "HOST-ONLY TEST OVERRIDE: dial this address instead of resolving the agency host on 443 (the certificate is still checked against the host name); logs a warning on every connection. Firmware has no such option",
        HelpName = "IP:PORT",
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
            if (IPEndPoint.TryParse(text, out IPEndPoint? endpoint) && endpoint.Port != 0)
            {
                return endpoint;
            }

            result.AddError($"--connect-to takes IP:PORT, not '{text}'.");
            return null;
        },
    };

    public override string Name => "sim";

    public override string Summary => "Run the device agent on this machine with a simulated camera.";

    public override string Details => """
        Runs the camera's agent (the same Core code as the firmware) with a simulated recorder.
        Segments are written into DIR/SEG, sealed, and uploaded to the agency host of the device
        configuration on port 443. The configuration file holds the device key: keep it 0600.
        """;

    public override string ExitCodeText => "0 all segments sealed and receipted; 2 usage; 3 bad configuration; 4 credential error; 6 not finished before the timeout.";

    public override IReadOnlyList<string> Examples => ["camagent sim --config cam-0042.conf --card /tmp/card --state /tmp/flash --segments 5"];

    protected override IEnumerable<Option> Options => [_config, _card, _state, _segments, _segmentBytes, _video, _intervalMs, _timeoutS, _connectTo];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        var options = new SimOptions(parse.GetValue(_config)!, parse.GetValue(_card)!, parse.GetValue(_state)!, Int(parse.GetValue(_segments)), Int(parse.GetValue(_segmentBytes)),
            parse.GetValue(_video), Int(parse.GetValue(_intervalMs)), Int(parse.GetValue(_timeoutS)), parse.GetValue(_connectTo));
        byte[] text;
        try
        {
            text = File.ReadAllBytes(options.ConfigPath);
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"camagent sim: cannot read the configuration: {e.Message}");
            return ExitCodes.BadInput;
        }

        ConfigResult result = HostAgentRig.ValidateConfig(text);
        if (!result.IsOk)
        {
            context.Error.WriteLine($"camagent sim: configuration refused: {result} (error {(int)result.Error})");
            bool credential = result.Error is ConfigError.CredentialMismatch or ConfigError.DeviceKeyInvalid or ConfigError.DeviceIdMismatch;
            return credential ? ExitCodes.CredentialError : ExitCodes.BadInput;
        }

        return Simulate(options, result.Config, context);
    }

    private static int Simulate(SimOptions options, DeviceConfig config, CliContext context)
    {
        if (options.ConnectTo is not null)
        {
            context.Error.WriteLine($"camagent sim: WARNING: --connect-to {options.ConnectTo} overrides where {config.AgencyHost}:443 is dialled (host-only test option).");
        }

        using var rig = new HostAgentRig(config, new HostAgentRigOptions
        {
            CardFolder = options.CardPath,
            FlashFolder = options.StatePath,
            Log = new TextLogSink(context.Error),
            SegmentBytes = options.SegmentBytes,
            VideoPath = options.VideoPath,
            Tls = new TlsConnectorOptions { TestOnlyDialOverride = options.ConnectTo },
        });
        return Drive(rig, options, context);
    }

    // Records a segment every interval while the agent works, then lets the agent finish. Between
    // steps the agent's own wait is honoured (and never past the next segment or the timeout).
    private static int Drive(HostAgentRig rig, SimOptions options, CliContext context)
    {
        AgentLoop agent = rig.Agent;
        long deadlineMs = rig.ElapsedMs + options.TimeoutSeconds * 1000L;
        if (rig.PowerOn() != AgentStartStatus.Ok)
        {
            context.Error.WriteLine("camagent sim: the card could not be recovered.");
            return ExitCodes.StepFailed;
        }

        agent.NotifyRecordingStarted();
        int recorded = 0;
        while (recorded < options.Segments)
        {
            if (recorded > 0)
            {
                rig.RunFor(Math.Min(options.IntervalMs, deadlineMs - rig.ElapsedMs), int.MaxValue);
                if (rig.ElapsedMs >= deadlineMs)
                {
                    return NotFinished(agent, options, context);
                }
            }

            // A used-up video file ends the recording early.
            recorded += rig.Recorder.RecordSegment() ? 1 : options.Segments;
        }

        agent.NotifyRecordingStopped();
        if (!rig.RunUntil(() => agent.Status == AgentStatus.Idle, deadlineMs - rig.ElapsedMs, int.MaxValue))
        {
            return NotFinished(agent, options, context);
        }

        context.Output.WriteLine($"sim: {agent.SealedCount} records sealed, {agent.UploadedCount} receipted; boot {agent.BootCount}; connections allowed {agent.Gate.AllowedAttempts}, refused {agent.Gate.RefusedAttempts}; buffers {agent.BufferBytes} bytes");
        return ExitCodes.Ok;
    }

    private static int NotFinished(AgentLoop agent, SimOptions options, CliContext context)
    {
        context.Error.WriteLine($"camagent sim: not finished within {options.TimeoutSeconds} s (status {agent.Status}, {agent.SealedCount} sealed, {agent.UploadedCount} receipted).");
        return ExitCodes.StepFailed;
    }

    private static int Int(long value) => (int)Math.Min(value, int.MaxValue);

    private sealed record SimOptions(string ConfigPath, string CardPath, string StatePath, int Segments, int SegmentBytes, string? VideoPath, int IntervalMs, int TimeoutSeconds, IPEndPoint? ConnectTo);
}
