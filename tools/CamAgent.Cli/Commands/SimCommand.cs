using CamAgent.Host.Platform;
using System.Globalization;
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
public sealed class SimCommand : ICommand
{
    private const int DefaultSegments = 3;
    private const int DefaultSegmentBytes = 256 * 1024;
    private const int DefaultIntervalMs = 1000;
    private const int DefaultTimeoutSeconds = 120;

    public string Name => "sim";

    public string Summary => "Run the device agent on this machine with a simulated camera";

    public string Help => """
        Usage: camagent sim --config FILE --card DIR --state DIR [options]

        Runs the camera's agent (the same Core code as the firmware) with a simulated recorder.
        Segments are written into DIR/SEG, sealed, and uploaded to the agency host of the device
        configuration on port 443. The configuration file holds the device key: keep it 0600.

          --config FILE        device configuration (docs/agent.md, "Configuration format")
          --card DIR           the simulated SD card (segments and spool)
          --state DIR          the simulated internal flash (time floor, boot counter)
          --segments N         segments to record (default 3)
          --segment-bytes N    bytes per synthetic segment (default 262144)
          --video FILE         record consecutive slices of this file instead of random bytes
          --interval-ms N      time between segments (default 1000)
          --timeout-s N        give up if not everything is receipted by then (default 120)
          --connect-to IP:PORT HOST-ONLY TEST OVERRIDE: dial this address instead of resolving the
                               agency host on 443 (the certificate is still checked against the
                               host name). Logs a warning on every connection. Firmware has no such option.

        Exit codes: 0 all segments sealed and receipted, 2 usage, 3 bad configuration,
        4 credential error, 6 not finished before the timeout.

        Example:
          camagent sim --config cam-0042.conf --card /tmp/card --state /tmp/flash --segments 5
        """;

    public int Run(string[] args, CliContext context)
    {
        SimOptions? options = SimOptions.Parse(args, context.Error);
        if (options is null)
        {
            return ExitCodes.Usage;
        }

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

    private sealed record SimOptions(string ConfigPath, string CardPath, string StatePath, int Segments, int SegmentBytes, string? VideoPath, int IntervalMs, int TimeoutSeconds, IPEndPoint? ConnectTo)
    {
        public static SimOptions? Parse(string[] args, TextWriter error)
        {
            var values = new Dictionary<string, string>();
            for (int i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    error.WriteLine($"camagent sim: unexpected argument '{args[i]}'. See 'camagent sim --help'.");
                    return null;
                }

                values[args[i]] = args[++i];
            }

            string[] known = ["--config", "--card", "--state", "--segments", "--segment-bytes", "--video", "--interval-ms", "--timeout-s", "--connect-to"];
            string? unknown = values.Keys.FirstOrDefault(k => !known.Contains(k));
            if (unknown is not null || !values.ContainsKey("--config") || !values.ContainsKey("--card") || !values.ContainsKey("--state"))
            {
                error.WriteLine(unknown is null ? "camagent sim: --config, --card and --state are required." : $"camagent sim: unknown option {unknown}.");
                return null;
            }

            IPEndPoint? connectTo = null;
            if (values.TryGetValue("--connect-to", out string? endpoint) && !IPEndPoint.TryParse(endpoint, out connectTo))
            {
                error.WriteLine("camagent sim: --connect-to takes IP:PORT.");
                return null;
            }

            int Number(string name, int fallback) => values.TryGetValue(name, out string? v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : fallback;
            return new SimOptions(values["--config"], values["--card"], values["--state"], Number("--segments", DefaultSegments), Number("--segment-bytes", DefaultSegmentBytes),
                values.GetValueOrDefault("--video"), Number("--interval-ms", DefaultIntervalMs), Number("--timeout-s", DefaultTimeoutSeconds), connectTo);
        }
    }
}
