using System.Security.Cryptography;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.SecureElement;
using CamAgent.Host.Crypto;
using CamAgent.Simulation.SecureElement;
using CamAgent.Tests.Support;

namespace CamAgent.Verification.Tests;

/// <summary>Records signed inside an (emulated) ATECC608 pass the offline verifier like software-signed ones.</summary>
public sealed class SecureElementEvidenceTests
{
    private const string DeviceId = "cam-se-0042";

    [Fact]
    public void Chain_Sealed_By_The_Secure_Element_Is_Valid_Offline_With_Only_The_Agency_Ca()
    {
        var clock = new EmulatorClock();
        using var chip = new Atecc608Emulator(clock);
        chip.LockConfiguration();
        chip.LockData();
        var driver = new Atecc608(chip, clock);
        Assert.Equal(SecureElementStatus.Ok, driver.GenerateKey(0, new byte[Atecc608.PublicKeyBytes], 0));
        var signer = new SecureElementSigner(driver, 0);
        using var pki = new TestPki(withDeviceCa: true);
        using var store = new TestStore(pki);
        byte[] certificate = IssueFor(pki, signer);
        var sealer = new Sealer(new HostHmacSha256Factory(), signer, certificate, DeviceId, ChainBuilder.ChunkSize);
        var chain = new ChainState();

        store.Put(DeviceId, Seal(sealer, chain, null), null);
        for (int i = 0; i < 3; i++)
        {
            byte[] content = RandomNumberGenerator.GetBytes(1000 + i * 300);
            store.Put(DeviceId, Seal(sealer, chain, content), content);
        }

        var options = new VerificationOptions(pki.AgencyCertificates);
        VerificationReport? report = EvidenceVerifier.Verify(store.Root, options, out string? problem);
        Assert.True(report is not null, problem);
        Assert.True(report!.IsValid, VerifierFixture.Describe(report));
        DeviceReport device = Assert.Single(report.Devices);
        Assert.Equal(4, device.Records.Count);
        Assert.All(device.Records, r => Assert.True(r.Authentic && r.ContentVerified, r.ToString()));
        Assert.Equal(4, chip.ExecutedCount(AteccProtocol.OpcodeSign));
    }

    private static byte[] Seal(Sealer sealer, ChainState chain, byte[]? content)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 3_600_000 + chain.NextSequence * 20_000;
        var record = new Manifest
        {
            WallStartMs = now,
            WallEndMs = now + 10_000,
            MonotonicStartMs = 5_000 + chain.NextSequence * 20_000,
            MonotonicEndMs = 15_000 + chain.NextSequence * 20_000,
            ClockState = ClockState.Valid,
            LastSyncAgeMs = 60_000,
            UncertaintyMs = 250,
            TimeFloorMs = now - 86_400_000,
            BootCount = 1,
            RecordingId = 0,
        };
        byte[] output = new byte[sealer.MaxRecordBytes];
        int written;
        if (content is null)
        {
            record.Event = ContinuityEvent.RecordingStart;
            Assert.Equal(SealStatus.Ok, sealer.SealContinuity(record, chain, output, 0, output.Length, out written));
        }
        else
        {
            Assert.Equal(SealStatus.Ok, sealer.SealSegment(new MemoryStream(content), record, chain, output, 0, output.Length, out written));
        }

        return output[..written];
    }

    private static byte[] IssueFor(TestPki pki, ISigner signer)
    {
        byte[] sec1 = new byte[65];
        Assert.Equal(SignerStatus.Ok, signer.GetPublicKey(sec1, 0));
        using ECDsa key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = sec1[1..33], Y = sec1[33..] } });
        return pki.IssueDevice(DeviceId, key);
    }
}
