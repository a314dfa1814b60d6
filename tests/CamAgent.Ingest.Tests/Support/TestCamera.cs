using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Evidence;
using CamAgent.Host.Crypto;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>A simulated camera sealing real records with Core's <see cref="Sealer"/>: its certificate, key and chain.</summary>
public sealed class TestCamera
{
    public const int ChunkSizeBytes = ContentDigest.DefaultChunkSizeBytes;

    private readonly Sealer _sealer;
    private long _wallClockMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 3_600_000;
    private long _monotonicMs = 5_000;

    /// <summary><paramref name="deviceIdInManifest"/> overrides the certificate CN in sealed manifests (impostor tests).</summary>
    public TestCamera(X509Certificate2 certificate, string? deviceIdInManifest = null)
    {
        Certificate = certificate;
        DeviceId = deviceIdInManifest ?? certificate.GetNameInfo(X509NameType.SimpleName, false);
        var signer = new HostEcdsaSigner(certificate.GetECDsaPrivateKey()!);
        _sealer = new Sealer(new HostHmacSha256Factory(), signer, certificate.RawData, DeviceId, ChunkSizeBytes);
    }

    public X509Certificate2 Certificate { get; }

    public string DeviceId { get; }

    public ChainState Chain { get; } = new();

    public ulong NextSequence => (ulong)Chain.NextSequence;

    public byte[] PreviousRecordHash => (byte[])Chain.PreviousRecordDigest.Clone();

    /// <summary>Seals the next record of the chain (a segment, or a recording-start continuity record) and advances it.</summary>
    public byte[] Seal(byte[] content, bool isSegment = true) => SealWith(Chain, content, isSegment);

    /// <summary>Seals a record at any position without advancing the camera's chain (conflict tests).</summary>
    public byte[] SealAt(ulong sequence, byte[] content, byte[] previousRecordHash)
    {
        var chain = new ChainState();
        chain.Set((long)sequence, previousRecordHash, 0);
        return SealWith(chain, content, isSegment: true);
    }

    /// <summary>
    /// What a camera seals first after a power loss that cut <paramref name="skipped"/> commits: the
    /// numbers are burned, the link stays on the last record it stored, the record declares them.
    /// </summary>
    public byte[] SealPowerLoss(long skipped)
    {
        Chain.Set(Chain.NextSequence + skipped, Chain.PreviousRecordDigest, 0);
        return SealWith(Chain, Array.Empty<byte>(), isSegment: false, ContinuityEvent.PowerLossRecovery, skipped);
    }

    /// <summary>A power-loss record at any position with any link, without advancing the camera's chain (conflict tests).</summary>
    public byte[] SealPowerLossAt(ulong sequence, long skipped, byte[] previousRecordHash)
    {
        var chain = new ChainState();
        chain.Set((long)sequence, previousRecordHash, 0);
        return SealWith(chain, Array.Empty<byte>(), isSegment: false, ContinuityEvent.PowerLossRecovery, skipped);
    }

    public static string UploadIdOf(string deviceId, ulong sequence) => deviceId + "-" + sequence.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);

    private byte[] SealWith(ChainState chain, byte[] content, bool isSegment,
        ContinuityEvent continuity = ContinuityEvent.RecordingStart, long eventDetail = 0)
    {
        const long durationMs = 10_000;
        var record = new Manifest
        {
            WallStartMs = _wallClockMs,
            WallEndMs = _wallClockMs + (isSegment ? durationMs : 0),
            MonotonicStartMs = _monotonicMs,
            MonotonicEndMs = _monotonicMs + (isSegment ? durationMs : 0),
            ClockState = ClockState.Valid,
            LastSyncAgeMs = 60_000,
            UncertaintyMs = 250,
            TimeFloorMs = _wallClockMs - 86_400_000,
            BootCount = 1,
        };
        _wallClockMs += durationMs + 1;
        _monotonicMs += durationMs + 1;
        byte[] output = new byte[_sealer.MaxRecordBytes];
        SealStatus status;
        int written;
        lock (_sealer)
        {
            if (isSegment)
            {
                status = _sealer.SealSegment(new MemoryStream(content), record, chain, output, 0, output.Length, out written);
            }
            else
            {
                record.Event = continuity;
                record.EventDetail = eventDetail;
                status = _sealer.SealContinuity(record, chain, output, 0, output.Length, out written);
            }
        }

        Assert.Equal(SealStatus.Ok, status);
        return output[..written];
    }
}
