using CamAgent.Host.Platform;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Agent;
using CamAgent.Core.Config;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;
using CamAgent.Core.Upload;
using CamAgent.Host.Crypto;
using CamAgent.Host.Persistence;
using CamAgent.Host.Storage;
using CamAgent.Host.Tls;

namespace CamAgent.Simulation.Agent;

/// <summary>
/// The device agent (<see cref="AgentLoop"/>, the firmware's Core code) assembled on this machine
/// with the host adapters, as `camagent sim` and the demo's cameras run it: a card folder (segments
/// and spool), a flash folder (time floor, boot counter), the host's UTC clock and random source,
/// the software signer with the configured device key, the host HMAC, receipts checked against the
/// pinned receipt key, and the host TLS connector that trusts only the configured agency CA and
/// presents the device certificate. Only the recorder is simulated (<see cref="Recorder"/>).
/// Monotonic time is a stopwatch started when the rig is built. Not thread-safe: one thread drives it.
/// </summary>
public sealed class HostAgentRig : IDisposable
{
    /// <summary>The card folder the recorder closes segments into (docs/agent-storage.md).</summary>
    public const string SegmentDirectory = "SEG";

    /// <summary>The card folder of the agent's spool (docs/agent-storage.md).</summary>
    public const string SpoolDirectory = "SPOOL";

    private const int EcPointBytes = 65;
    private const int EcCoordinateBytes = 32;

    private readonly Stopwatch _monotonic = Stopwatch.StartNew();
    private readonly X509Certificate2 _agencyCa;
    private readonly X509Certificate2 _credential;

    /// <param name="config">A configuration Core's validator accepted (<see cref="ValidateConfig"/>); it must use the software signer.</param>
    public HostAgentRig(DeviceConfig config, HostAgentRigOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);

        // The recorder and the folders first: they can fail on the file system, and nothing
        // disposable is held yet.
        SegmentFolder = Path.Combine(options.CardFolder, SegmentDirectory);
        Recorder = new SimulatedCamera(SegmentFolder, options.SegmentBytes, options.VideoPath);
        Directory.CreateDirectory(Path.Combine(options.CardFolder, SpoolDirectory));
        _agencyCa = X509CertificateLoader.LoadCertificate(config.AgencyCaDer);
        _credential = Credential(config);
        TlsConnectorOptions tlsOptions = config.AgencyAddress is null ? options.Tls : new TlsConnectorOptions
        {
            HandshakeTimeoutMs = options.Tls.HandshakeTimeoutMs,
            ReadWriteTimeoutMs = options.Tls.ReadWriteTimeoutMs,
            TestOnlyDialOverride = options.Tls.TestOnlyDialOverride,
            AgencyAddress = IPAddress.Parse(config.AgencyAddress),
        };
        ITlsConnector tls = new TlsConnector(_agencyCa, _credential, options.Log, tlsOptions);
        var platform = new AgentPlatform
        {
            Store = new HostFileStore(options.CardFolder),
            Slots = new FileRecordSlots(options.FlashFolder),
            WallClock = new SystemWallClock(),
            Connector = options.WrapConnector is null ? tls : options.WrapConnector(tls),
            Link = new AlwaysUpLink(),
            Log = options.Log,
            Random = new SystemRandomSource(),
            Hmac = new HostHmacSha256Factory(),
            Signer = new EcdsaP256Signer(config.DeviceKey),
            ReceiptChecker = new PinnedReceiptChecker(config.ReceiptPublicKey, 0),
            SpoolDirectory = SpoolDirectory,
            SegmentDirectory = SegmentDirectory,
        };
        Agent = new AgentLoop(platform, config);
    }

    public AgentLoop Agent { get; }

    /// <summary>The simulated recorder; it writes into <see cref="SegmentFolder"/>.</summary>
    public SimulatedCamera Recorder { get; }

    /// <summary>Where the recorder closes segments (the agent deletes each once its receipt verifies).</summary>
    public string SegmentFolder { get; }

    /// <summary>Monotonic milliseconds since the rig was built: the time the agent is stepped with.</summary>
    public long ElapsedMs => _monotonic.ElapsedMilliseconds;

    /// <summary>
    /// The checks the device makes before it accepts a configuration (Core's validator, with the
    /// software signer this rig signs with). The caller decides what a refusal means to it.
    /// </summary>
    public static ConfigResult ValidateConfig(byte[] text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var validator = new ConfigValidator(new SignerCredentialCheck(key => new EcdsaP256Signer(key), null));
        return validator.Validate(text, 0, text.Length);
    }

    /// <summary>
    /// Boots the agent as after power-on and, when it started, reports the clock synchronised (the
    /// host's clock is kept by the operating system's NTP client).
    /// </summary>
    public AgentStartStatus PowerOn()
    {
        AgentStartStatus status = Agent.Start(ElapsedMs);
        if (status == AgentStartStatus.Ok)
        {
            Agent.NotifyTimeSynced(ElapsedMs);
        }

        return status;
    }

    /// <summary>
    /// Steps the agent until <paramref name="done"/> holds (asked after every step) or
    /// <paramref name="timeoutMs"/> passes. Between steps it waits what the agent asks (the host
    /// decides how to wait; the agent never sleeps), but at most <paramref name="maxWaitMs"/> and
    /// never past the timeout. Returns whether <paramref name="done"/> held.
    /// </summary>
    public bool RunUntil(Func<bool> done, long timeoutMs, int maxWaitMs)
    {
        ArgumentNullException.ThrowIfNull(done);
        ArgumentOutOfRangeException.ThrowIfNegative(maxWaitMs);
        long deadlineMs = ElapsedMs + timeoutMs;
        long nowMs;
        while ((nowMs = ElapsedMs) < deadlineMs)
        {
            int waitMs = Agent.Step(nowMs);
            if (done())
            {
                return true;
            }

            Thread.Sleep((int)Math.Min(Math.Min(waitMs, maxWaitMs), deadlineMs - nowMs));
        }

        return false;
    }

    /// <summary>Steps the agent for <paramref name="durationMs"/>, waiting between steps as <see cref="RunUntil"/> does.</summary>
    public void RunFor(long durationMs, int maxWaitMs) => RunUntil(static () => false, durationMs, maxWaitMs);

    public void Dispose()
    {
        _credential.Dispose();
        _agencyCa.Dispose();
    }

    // The device certificate with the configured key, in the form the platform TLS stack accepts
    // for a client certificate (a PKCS#12 round trip gives it a persisted private key).
    private static X509Certificate2 Credential(DeviceConfig config)
    {
        byte[] point = config.DevicePublicKey;
        if (point.Length != EcPointBytes)
        {
            throw new ArgumentException("the device public key is not an uncompressed P-256 point.", nameof(config));
        }

        using ECDsa key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = config.DeviceKey,
            Q = new ECPoint { X = point[1..(1 + EcCoordinateBytes)], Y = point[(1 + EcCoordinateBytes)..] },
        });
        using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(config.DeviceCertificateDer);
        using X509Certificate2 withKey = certificate.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
