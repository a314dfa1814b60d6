using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Agent;
using CamAgent.Core.Config;
using CamAgent.Core.Crypto;
using CamAgent.Core.Upload;
using CamAgent.Host.Agent;
using CamAgent.Host.Crypto;
using CamAgent.Host.Persistence;
using CamAgent.Host.Storage;
using CamAgent.Host.Tls;

namespace CamAgent.Cli.Demo;

/// <summary>
/// A camera on this machine: the device agent (<see cref="AgentLoop"/>, the firmware's Core code)
/// configured from the camera's verified device bundle, with the host adapters `camagent sim`
/// uses: a card folder (segments and spool), a flash folder (time floor, boot counter), the host
/// TLS connector. Only the recorder is simulated (<see cref="SimulatedCamera"/>: random content).
/// A copy of each recorded segment is kept under <see cref="RecordedFolder"/>, because the agent
/// deletes a segment from the card once its receipt verifies. The device dials only port 443 of
/// its agency host, so the demo uses the host-only dial override (logged as a warning).
/// </summary>
public sealed class AgentCamera : IDisposable
{
    private const string SegmentDirectory = "SEG";
    private const string SpoolDirectory = "SPOOL";

    private readonly Stopwatch _monotonic = Stopwatch.StartNew();
    private readonly X509Certificate2 _agencyCa;
    private readonly X509Certificate2 _credential;
    private readonly SimulatedCamera _recorder;
    private readonly string _segmentFolder;

    /// <param name="config">The configuration from the camera's device bundle, validated by Core's <see cref="ConfigValidator"/>.</param>
    /// <param name="folder">The camera's own folder (card, flash, recorded copies).</param>
    /// <param name="dialTo">Where the TLS connector dials instead of the agency host's port 443.</param>
    public AgentCamera(DeviceConfig config, string folder, IPEndPoint dialTo, int segmentBytes, TextWriter log)
    {
        DeviceId = config.DeviceId;
        RecordedFolder = Directory.CreateDirectory(Path.Combine(folder, "recorded")).FullName;
        string card = Directory.CreateDirectory(Path.Combine(folder, "card")).FullName;
        Directory.CreateDirectory(Path.Combine(card, SpoolDirectory));
        _segmentFolder = Path.Combine(card, SegmentDirectory);
        Log = new DemoDeviceLog(DeviceId, log);
        _agencyCa = X509CertificateLoader.LoadCertificate(config.AgencyCaDer);
        _credential = Credential(config);
        Tap = new TappedConnector(new TlsConnector(_agencyCa, _credential, Log, new TlsConnectorOptions
        {
            HandshakeTimeoutMs = DemoConstants.NetworkTimeoutMs,
            ReadWriteTimeoutMs = DemoConstants.NetworkTimeoutMs,
            TestOnlyDialOverride = dialTo,
        }));
        var platform = new AgentPlatform
        {
            Store = new HostFileStore(card),
            Slots = new FileRecordSlots(Directory.CreateDirectory(Path.Combine(folder, "flash")).FullName),
            WallClock = new SystemWallClock(),
            Connector = Tap,
            Link = new AlwaysUpLink(),
            Log = Log,
            Random = new SystemRandomSource(),
            Hmac = new HostHmacSha256Factory(),
            Signer = new EcdsaP256Signer(config.DeviceKey),
            ReceiptChecker = new PinnedReceiptChecker(config.ReceiptPublicKey, 0),
            SpoolDirectory = SpoolDirectory,
            SegmentDirectory = SegmentDirectory,
        };
        Agent = new AgentLoop(platform, config);
        _recorder = new SimulatedCamera(_segmentFolder, segmentBytes, null);
    }

    public string DeviceId { get; }

    /// <summary>Copies of every recorded segment, named as the recorder named them on the card.</summary>
    public string RecordedFolder { get; }

    public AgentLoop Agent { get; }

    /// <summary>What the agent sent on the wire (PATCH offsets), and how many connections it opened.</summary>
    public TappedConnector Tap { get; }

    /// <summary>The agent's log (warnings and errors are printed).</summary>
    public DemoDeviceLog Log { get; }

    /// <summary>Boots the agent, as after power-on with a synchronised clock, and starts a recording.</summary>
    public bool PowerOn()
    {
        if (Agent.Start(_monotonic.ElapsedMilliseconds) != AgentStartStatus.Ok)
        {
            return false;
        }

        Agent.NotifyTimeSynced(_monotonic.ElapsedMilliseconds);
        return Agent.NotifyRecordingStarted();
    }

    /// <summary>The recorder closes one segment on the card; a copy is kept. Returns the copy's path.</summary>
    public string RecordSegment()
    {
        _recorder.RecordSegment();
        string newest = Directory.GetFiles(_segmentFolder, "*.SEG").Order(StringComparer.Ordinal).Last();
        string copy = Path.Combine(RecordedFolder, Path.GetFileName(newest));
        File.Copy(newest, copy, overwrite: false);
        return copy;
    }

    /// <summary>
    /// Steps the agent, waiting what it asks between steps (the host decides how to wait; the agent
    /// never sleeps), until <paramref name="done"/> holds or <paramref name="timeoutMs"/> passes.
    /// </summary>
    public bool RunUntil(Func<bool> done, int timeoutMs)
    {
        long deadline = _monotonic.ElapsedMilliseconds + timeoutMs;
        while (_monotonic.ElapsedMilliseconds < deadline)
        {
            int waitMs = Agent.Step(_monotonic.ElapsedMilliseconds);
            if (done())
            {
                return true;
            }

            Thread.Sleep(Math.Min(waitMs, DemoConstants.AgentPollMs));
        }

        return false;
    }

    /// <summary>Runs until every record sealed so far is receipted and the agent is idle.</summary>
    public bool RunUntilUploaded(int timeoutMs) =>
        RunUntil(() => Agent.Status == AgentStatus.Idle && Agent.Spool.LiveCount == 0 && Agent.UploadedCount == Agent.SealedCount && Agent.SealedCount > 0, timeoutMs);

    public void Dispose()
    {
        _credential.Dispose();
        _agencyCa.Dispose();
    }

    // The device certificate with the configured key, as the TLS stack needs it (as `camagent sim` builds it).
    private static X509Certificate2 Credential(DeviceConfig config)
    {
        using ECDsa key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = config.DeviceKey,
            Q = new ECPoint { X = config.DevicePublicKey[1..33], Y = config.DevicePublicKey[33..65] },
        });
        using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(config.DeviceCertificateDer);
        using X509Certificate2 withKey = certificate.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
