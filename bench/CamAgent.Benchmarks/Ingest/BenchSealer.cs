using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Evidence;
using CamAgent.Host.Crypto;

namespace CamAgent.Benchmarks.Ingest;

/// <summary>
/// A camera's sealing: Core's <see cref="Sealer"/> with the camera's certificate and key, and a
/// chain that carries from record to record (ten seconds of wall clock per segment). Not thread-safe.
/// </summary>
internal sealed class BenchSealer
{
    private const long DurationMs = 10_000;
    private readonly Sealer _sealer;
    private readonly ChainState _chain = new();
    private long _wallClockMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 3_600_000;

    public BenchSealer(X509Certificate2 certificate)
    {
        string deviceId = certificate.GetNameInfo(X509NameType.SimpleName, false);
        _sealer = new Sealer(new HostHmacSha256Factory(), new HostEcdsaSigner(certificate.GetECDsaPrivateKey()!), certificate.RawData, deviceId, ContentDigest.DefaultChunkSizeBytes);
    }

    /// <summary>Seals <paramref name="content"/> as the next segment of the chain; returns its sequence and signed manifest.</summary>
    public (long Sequence, byte[] Manifest) Seal(byte[] content)
    {
        var record = new Manifest
        {
            WallStartMs = _wallClockMs,
            WallEndMs = _wallClockMs + DurationMs,
            MonotonicStartMs = 1 + _chain.NextSequence * DurationMs,
            MonotonicEndMs = 1 + (_chain.NextSequence + 1) * DurationMs,
            ClockState = ClockState.Valid,
            LastSyncAgeMs = 60_000,
            UncertaintyMs = 250,
            TimeFloorMs = _wallClockMs - 86_400_000,
            BootCount = 1,
        };
        _wallClockMs += DurationMs;
        long sequence = _chain.NextSequence;
        byte[] buffer = new byte[_sealer.MaxRecordBytes];
        SealStatus status = _sealer.SealSegment(new MemoryStream(content, writable: false), record, _chain, buffer, 0, buffer.Length, out int written);
        if (status != SealStatus.Ok)
        {
            throw new InvalidOperationException($"sealing failed: {status}");
        }

        return (sequence, buffer[..written]);
    }
}
