using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Egress;
using CamAgent.Core.Evidence;
using CamAgent.Core.Upload;
using CamAgent.Host.Crypto;
using CamAgent.Host.Tls;

namespace CamAgent.Cli.Demo;

/// <summary>
/// A simulated camera built from the device's real parts: Core's <see cref="Sealer"/> signs each
/// record with the enrolled device key and links it into the chain, and Core's
/// <see cref="TusClient"/> uploads it over the host <see cref="TlsConnector"/> (mutual TLS, agency
/// CA pinned, receipt checked against the pinned receipt key). Only the camera sensor is
/// simulated: segment content is random bytes. Each recorded segment is kept under
/// <see cref="RecordingsFolder"/> as &lt;sequence&gt;.segment so the store can be compared with it.
/// Because the device only ever dials port 443, the demo uses the host-only dial override, which
/// logs a warning.
/// </summary>
public sealed class DemoCamera : IDisposable
{
    private readonly X509Certificate2 _credential;
    private readonly X509Certificate2 _agencyCa;
    private readonly byte[] _pinnedReceiptKey;
    private readonly string _agencyHost;
    private readonly HostEcdsaSigner _signer;
    private readonly Sealer _sealer;
    private readonly ChainState _chain = new();
    private readonly DemoDevicePorts _ports;
    private readonly Stopwatch _sincePowerOn = Stopwatch.StartNew();
    private readonly long _poweredOnWallMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private long _lastWallEndMs;
    private long _lastMonotonicEndMs = DemoConstants.MonotonicAtPowerOnMs;

    /// <param name="credential">The device certificate with its private key (enrolled by the PKI).</param>
    /// <param name="agencyCa">The agency root CA the camera pins for the server certificate.</param>
    /// <param name="pinnedReceiptKey">The receipt-signing key as a 65-byte SEC1 point: the key the device bundle pins.</param>
    public DemoCamera(X509Certificate2 credential, X509Certificate2 agencyCa, byte[] pinnedReceiptKey, string agencyHost, string recordingsFolder, TextWriter log)
    {
        _credential = credential;
        _agencyCa = agencyCa;
        _pinnedReceiptKey = pinnedReceiptKey;
        _agencyHost = agencyHost;
        DeviceId = credential.GetNameInfo(X509NameType.SimpleName, false);
        RecordingsFolder = recordingsFolder;
        Directory.CreateDirectory(recordingsFolder);
        _ports = new DemoDevicePorts(DeviceId, log);
        _lastWallEndMs = _poweredOnWallMs;
        _signer = new HostEcdsaSigner(credential.GetECDsaPrivateKey() ?? throw new CryptographicException($"The credential of {DeviceId} has no EC private key."));
        _sealer = new Sealer(new HostHmacSha256Factory(), _signer, credential.RawData, DeviceId, ContentDigest.DefaultChunkSizeBytes);
    }

    public string DeviceId { get; }

    public string RecordingsFolder { get; }

    /// <summary>Seals a recording-start continuity record (no content).</summary>
    public RecordedRecord RecordStart()
    {
        Manifest record = NewManifest(isSegment: false);
        record.Event = ContinuityEvent.RecordingStart;
        long sequence = _chain.NextSequence;
        byte[] output = new byte[_sealer.MaxRecordBytes];
        SealStatus status = _sealer.SealContinuity(record, _chain, output, 0, output.Length, out int written);
        return status == SealStatus.Ok
            ? new RecordedRecord(sequence, output[..written], null, 0)
            : throw new InvalidOperationException($"{DeviceId} could not seal a continuity record: {status}.");
    }

    /// <summary>"Records" <paramref name="lengthBytes"/> of random content to a file, then seals it as the next segment.</summary>
    public RecordedRecord RecordSegment(int lengthBytes)
    {
        long sequence = _chain.NextSequence;
        string path = Path.Combine(RecordingsFolder, sequence.ToString("D20", CultureInfo.InvariantCulture) + ".segment");
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(lengthBytes));
        byte[] output = new byte[_sealer.MaxRecordBytes];
        SealStatus status;
        int written;
        using (FileStream content = File.OpenRead(path))
        {
            status = _sealer.SealSegment(content, NewManifest(isSegment: true), _chain, output, 0, output.Length, out written);
        }

        return status == SealStatus.Ok
            ? new RecordedRecord(sequence, output[..written], path, lengthBytes)
            : throw new InvalidOperationException($"{DeviceId} could not seal segment {sequence}: {status}.");
    }

    /// <summary>
    /// Uploads <paramref name="record"/> with a fresh Core tus client that dials
    /// <paramref name="dialTo"/> (the server, or a proxy in front of it) in place of the agency
    /// host's port 443. Plays the agent loop: steps the client, waiting the delay it asks for
    /// after a failure, until it completes, is rejected, or has retried
    /// <see cref="DemoConstants.MaxRetriesPerUpload"/> times.
    /// </summary>
    public UploadReport Upload(RecordedRecord record, IPEndPoint dialTo)
    {
        var connector = new TlsConnector(_agencyCa, _credential, _ports, new TlsConnectorOptions
        {
            HandshakeTimeoutMs = DemoConstants.NetworkTimeoutMs,
            ReadWriteTimeoutMs = DemoConstants.NetworkTimeoutMs,
            TestOnlyDialOverride = dialTo,
        });
        var options = new TusClientOptions
        {
            PatchSizeBytes = DemoConstants.PatchSizeBytes,
            ConnectTimeoutMs = DemoConstants.NetworkTimeoutMs,
            RetryPolicy = new RetryPolicy(DemoConstants.RetryBaseDelayMs, DemoConstants.RetryMaxDelayMs, DemoConstants.RetryMaxDelayMs),
        };
        var client = new TusClient(new AgencyEndpoint(connector, _agencyHost, _ports), new PinnedReceiptChecker(_pinnedReceiptKey, 0), _ports, _ports, _ports, options);
        using FileStream? content = record.ContentPath is null ? null : File.OpenRead(record.ContentPath);
        try
        {
            client.Begin(new UploadJob(record.Sequence, record.Manifest, 0, record.Manifest.Length, content, record.ContentLength));
            return Drive(client);
        }
        finally
        {
            client.Close();
        }
    }

    public void Dispose()
    {
        _signer.Dispose();
        _credential.Dispose();
    }

    private static UploadReport Drive(TusClient client)
    {
        int retries = 0;
        long offsetBeforeCut = -1;
        long resumedAt = -1;
        UploadStatus status;
        while (true)
        {
            status = client.Step();
            if (offsetBeforeCut >= 0 && resumedAt < 0 && status != UploadStatus.RetryLater)
            {
                resumedAt = client.AcknowledgedOffset;
            }

            if (status != UploadStatus.InProgress && status != UploadStatus.RetryLater)
            {
                break;
            }

            if (status == UploadStatus.RetryLater)
            {
                if (client.Failure == UploadFailure.TransportFailed && offsetBeforeCut < 0)
                {
                    offsetBeforeCut = client.AcknowledgedOffset;
                }

                if (++retries > DemoConstants.MaxRetriesPerUpload)
                {
                    break;
                }

                // The client's own backoff: the wait a device would take before its next attempt.
                Thread.Sleep(client.RetryDelayMs);
            }
        }

        byte[] receipt = status == UploadStatus.Completed ? client.Receipt[..client.ReceiptLength] : [];
        return new UploadReport(status, client.Failure, client.LastStatusCode, client.LastErrorCode, retries, offsetBeforeCut, resumedAt, client.ContentBytesSent, client.Connections, receipt);
    }

    // Real time: a segment covers the time since the previous record ended (the demo's camera
    // records for a few milliseconds, not minutes), so every record is signed after enrolment, in
    // order, and before its receipt: what the verifier's certificate and time checks expect.
    private Manifest NewManifest(bool isSegment)
    {
        long wallNowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long monotonicNowMs = DemoConstants.MonotonicAtPowerOnMs + (long)_sincePowerOn.Elapsed.TotalMilliseconds;
        long wallStartMs = isSegment ? _lastWallEndMs : wallNowMs;
        long monotonicStartMs = isSegment ? _lastMonotonicEndMs : monotonicNowMs;
        _lastWallEndMs = Math.Max(wallNowMs, _lastWallEndMs);
        _lastMonotonicEndMs = Math.Max(monotonicNowMs, _lastMonotonicEndMs);
        return new Manifest
        {
            WallStartMs = wallStartMs,
            WallEndMs = _lastWallEndMs,
            MonotonicStartMs = monotonicStartMs,
            MonotonicEndMs = _lastMonotonicEndMs,
            ClockState = ClockState.Valid,
            LastSyncAgeMs = DemoConstants.LastSyncAgeMs,
            UncertaintyMs = DemoConstants.ClockUncertaintyMs,
            TimeFloorMs = _poweredOnWallMs - DemoConstants.TimeFloorAgeMs,
            BootCount = 1,
            RecordingId = 1,
        };
    }
}
