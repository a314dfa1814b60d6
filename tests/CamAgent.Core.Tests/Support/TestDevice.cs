using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Evidence;
using CamAgent.Host.Crypto;

namespace CamAgent.Tests.Support;

/// <summary>A device with a key, a certificate from a test CA, a sealer and its chain.</summary>
public sealed class TestDevice : IDisposable
{
    public TestDevice(TestPki pki, string deviceId = "cam-0001", int chunkSizeBytes = ContentDigest.DefaultChunkSizeBytes)
    {
        DeviceId = deviceId;
        Signer = HostEcdsaSigner.CreateRandom();
        Certificate = pki.IssueDevice(deviceId, Signer.Key);
        Sealer = new Sealer(new HostHmacSha256Factory(), Signer, Certificate, deviceId, chunkSizeBytes);
    }

    public string DeviceId { get; }

    public HostEcdsaSigner Signer { get; }

    public byte[] Certificate { get; }

    public Sealer Sealer { get; }

    public ChainState Chain { get; private set; } = new();

    /// <summary>Starts a new chain at sequence 0 with the same key and certificate (a re-provisioned device).</summary>
    public void ResetChain()
    {
        Chain = new ChainState();
    }

    /// <summary>Device wall clock: starts an hour before now, so test certificates (valid from a day ago) cover it.</summary>
    public long WallClockMs { get; set; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 3_600_000;

    public long MonotonicMs { get; set; } = 5_000;

    public long BootCount { get; set; } = 1;

    /// <summary>The persisted time floor the device reports: below every wall time the tests use, even after clock steps.</summary>
    public long TimeFloorMs { get; set; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 86_400_000;

    /// <summary>Seals <paramref name="content"/> as the next segment, 10 s of "recording" later.</summary>
    public byte[] SealSegment(byte[] content, long recordingId = 0)
    {
        Manifest record = NewRecord(10_000);
        record.RecordingId = recordingId;
        byte[] output = new byte[Sealer.MaxRecordBytes];
        SealStatus status = Sealer.SealSegment(new MemoryStream(content), record, Chain, output, 0, output.Length, out int written);
        Assert.Equal(SealStatus.Ok, status);
        return output[..written];
    }

    public byte[] SealContinuity(ContinuityEvent kind, long recordingId = 0, long detail = 0)
    {
        Manifest record = NewRecord(0);
        record.Event = kind;
        record.RecordingId = recordingId;
        record.EventDetail = detail;
        byte[] output = new byte[Sealer.MaxRecordBytes];
        Assert.Equal(SealStatus.Ok, Sealer.SealContinuity(record, Chain, output, 0, output.Length, out int written));
        return output[..written];
    }

    public Manifest NewRecord(long durationMs)
    {
        var record = new Manifest
        {
            WallStartMs = WallClockMs,
            WallEndMs = WallClockMs + durationMs,
            MonotonicStartMs = MonotonicMs,
            MonotonicEndMs = MonotonicMs + durationMs,
            ClockState = ClockState.Valid,
            LastSyncAgeMs = 60_000,
            UncertaintyMs = 250,
            TimeFloorMs = TimeFloorMs,
            BootCount = BootCount,
        };
        WallClockMs += durationMs + 1;
        MonotonicMs += durationMs + 1;
        return record;
    }

    /// <summary>Verifies a COSE_Sign1 with .NET's ECDsa and the key of its own x5chain certificate.</summary>
    public static bool VerifyWithDotNet(byte[] message)
    {
        var view = new CoseSign1Message();
        if (view.Decode(message, 0, message.Length) != CoseStatus.Ok)
        {
            return false;
        }

        byte[] digest = new byte[32];
        view.ComputeToBeSignedDigest(new Sha256(), digest, 0);
        byte[] der = message.AsSpan(view.GetCertificateOffset(0), view.GetCertificateLength(0)).ToArray();
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            using ECDsa? key = certificate.GetECDsaPublicKey();
            return key is not null && key.VerifyHash(digest, message.AsSpan(view.SignatureOffset, 64), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            // A damaged certificate cannot vouch for anything: the message does not verify.
            return false;
        }
    }

    public void Dispose()
    {
        Signer.Dispose();
    }
}
