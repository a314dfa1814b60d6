using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Agent;
using CamAgent.Core.Config;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;
using CamAgent.Core.Upload;
using CamAgent.Host.Agent;
using CamAgent.Host.Crypto;
using CamAgent.Host.Persistence;
using CamAgent.Host.Storage;
using CamAgent.Host.Tls;

namespace CamAgent.Cli.Commands;

/// <summary>
/// `camagent sim`: the device agent's Core with host adapters. A simulated camera writes segments
/// into a card folder; the agent seals them and uploads them to the agency host named in the
/// device configuration, exactly as the firmware does (port 443, pinned CA, client certificate).
/// </summary>
public sealed class SimCommand : ICommand
{
    private const string SegmentDirectory = "SEG";
    private const string SpoolDirectory = "SPOOL";
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

        var validator = new ConfigValidator(new SignerCredentialCheck(key => new EcdsaP256Signer(key), null));
        ConfigResult result = validator.Validate(text, 0, text.Length);
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
        var log = new TextLogSink(context.Error);
        using X509Certificate2 ca = X509CertificateLoader.LoadCertificate(config.AgencyCaDer);
        using ECDsa key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = config.DeviceKey, Q = PointOf(config.DevicePublicKey) });
        using X509Certificate2 publicCert = X509CertificateLoader.LoadCertificate(config.DeviceCertificateDer);
        using X509Certificate2 ephemeral = publicCert.CopyWithPrivateKey(key);
        using X509Certificate2 device = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        if (options.ConnectTo is not null)
        {
            context.Error.WriteLine($"camagent sim: WARNING: --connect-to {options.ConnectTo} overrides where {config.AgencyHost}:443 is dialled (host-only test option).");
        }

        var connector = new TlsConnector(ca, device, log, new TlsConnectorOptions { TestOnlyDialOverride = options.ConnectTo });
        Directory.CreateDirectory(Path.Combine(options.CardPath, SpoolDirectory));
        var platform = new AgentPlatform
        {
            Store = new HostFileStore(options.CardPath),
            Slots = new FileRecordSlots(options.StatePath),
            WallClock = new SystemWallClock(),
            Connector = connector,
            Link = new AlwaysUpLink(),
            Log = log,
            Random = new SystemRandomSource(),
            Hmac = new HostHmacSha256Factory(),
            Signer = new EcdsaP256Signer(config.DeviceKey),
            ReceiptChecker = new PinnedReceiptChecker(config.ReceiptPublicKey, 0),
            SpoolDirectory = SpoolDirectory,
            SegmentDirectory = SegmentDirectory,
        };
        var agent = new AgentLoop(platform, config);
        var camera = new SimulatedCamera(Path.Combine(options.CardPath, SegmentDirectory), options.SegmentBytes, options.VideoPath);
        return Drive(agent, camera, options, context);
    }

    private static int Drive(AgentLoop agent, SimulatedCamera camera, SimOptions options, CliContext context)
    {
        var ticks = Stopwatch.StartNew();
        if (agent.Start(ticks.ElapsedMilliseconds) != AgentStartStatus.Ok)
        {
            context.Error.WriteLine("camagent sim: the card could not be recovered.");
            return ExitCodes.StepFailed;
        }

        agent.NotifyTimeSynced(ticks.ElapsedMilliseconds); // the host clock is NTP-synchronised
        agent.NotifyRecordingStarted();
        int recorded = 0;
        long nextSegmentMs = 0;
        long deadlineMs = options.TimeoutSeconds * 1000L;
        while (ticks.ElapsedMilliseconds < deadlineMs)
        {
            long now = ticks.ElapsedMilliseconds;
            if (recorded < options.Segments && now >= nextSegmentMs)
            {
                recorded += camera.RecordSegment() ? 1 : options.Segments;
                nextSegmentMs = now + options.IntervalMs;
                if (recorded >= options.Segments)
                {
                    agent.NotifyRecordingStopped();
                }
            }

            int waitMs = agent.Step(now);
            if (recorded >= options.Segments && agent.Status == AgentStatus.Idle)
            {
                context.Output.WriteLine($"sim: {agent.SealedCount} records sealed, {agent.UploadedCount} receipted; boot {agent.BootCount}; connections allowed {agent.Gate.AllowedAttempts}, refused {agent.Gate.RefusedAttempts}; buffers {agent.BufferBytes} bytes");
                return ExitCodes.Ok;
            }

            // The host decides how to wait; the agent itself never sleeps.
            Thread.Sleep(Math.Min(waitMs, (int)Math.Max(0, nextSegmentMs - now)));
        }

        context.Error.WriteLine($"camagent sim: not finished within {options.TimeoutSeconds} s (status {agent.Status}, {agent.SealedCount} sealed, {agent.UploadedCount} receipted).");
        return ExitCodes.StepFailed;
    }

    private static ECPoint PointOf(byte[] point65) => new() { X = point65[1..33], Y = point65[33..65] };

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
