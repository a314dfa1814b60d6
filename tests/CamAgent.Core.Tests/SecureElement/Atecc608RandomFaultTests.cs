using System.Security.Cryptography;
using CamAgent.Core.SecureElement;

namespace CamAgent.Core.Tests.SecureElement;

/// <summary>
/// Random mixes of every injectable fault: a signature is either Ok and verifies, or a specific
/// failure with the output untouched, always within a bounded number of bus transactions.
/// CAMAGENT_SOAK=1 runs 20,000 operations instead of 300.
/// </summary>
public sealed class Atecc608RandomFaultTests
{
    /// <summary>
    /// Worst case per signing operation: 3 attempts, each 3 wake pulses with a read and a sleep,
    /// Nonce and Sign each with a write, their polling bounds and 2 re-reads of 3 transactions.
    /// </summary>
    private static readonly int TransactionBound = AteccTiming.OperationAttempts
        * (AteccTiming.WakeAttempts * 3 + 2 * (1 + 3 * (AteccTiming.ResponseRereads + 1)) + AteccTiming.MaxPolls(AteccProtocol.OpcodeNonce) + AteccTiming.MaxPolls(AteccProtocol.OpcodeSign) + 2);

    private static readonly SecureElementStatus[] ExpectedFailures =
    {
        SecureElementStatus.NoResponse, SecureElementStatus.Busy, SecureElementStatus.CommunicationError,
        SecureElementStatus.CommandCorrupted, SecureElementStatus.WatchdogExpired,
    };

    [Fact]
    public void Every_Signature_Under_Random_Faults_Verifies_Or_Fails_With_A_Specific_Status_Within_The_Bound()
    {
        int operations = Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1" ? 20_000 : 300;
        using var fixture = new ChipFixture();
        byte[] publicKey = new byte[Atecc608.PublicKeyBytes];
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.ReadPublicKey(ChipFixture.KeySlot, publicKey, 0));
        using ECDsa key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = publicKey[..32], Y = publicKey[32..] } });
        var random = new Random(608);
        int succeeded = 0;

        for (int i = 0; i < operations; i++)
        {
            InjectFaults(fixture, random);
            byte[] digest = new byte[32];
            random.NextBytes(digest);
            byte[] signature = new byte[Atecc608.SignatureBytes];
            int before = fixture.Chip.Transactions;

            SecureElementStatus status = fixture.Driver.SignDigest(ChipFixture.KeySlot, digest, 0, signature, 0);

            Assert.InRange(fixture.Chip.Transactions - before, 1, TransactionBound);
            if (status == SecureElementStatus.Ok)
            {
                Assert.True(key.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation), $"operation {i}");
                succeeded++;
            }
            else
            {
                Assert.Contains(status, ExpectedFailures);
                Assert.All(signature, b => Assert.Equal(0, b));
            }

            ClearFaults(fixture);
        }

        Assert.InRange(succeeded, operations / 4, operations);
    }

    private static void InjectFaults(ChipFixture fixture, Random random)
    {
        fixture.Chip.CorruptResponses = random.Next(4);
        fixture.Chip.CorruptCommands = random.Next(4);
        fixture.Chip.ExtraExecutionMs = random.Next(10) == 0 ? 200 : 0;
        fixture.Chip.IgnoreWakes = random.Next(20) == 0;
    }

    // A hung command leaves the chip busy until its watchdog sends it to sleep.
    private static void ClearFaults(ChipFixture fixture)
    {
        fixture.Chip.CorruptResponses = 0;
        fixture.Chip.CorruptCommands = 0;
        fixture.Chip.ExtraExecutionMs = 0;
        fixture.Chip.IgnoreWakes = false;
        fixture.Clock.Advance(AteccTiming.WatchdogMs);
    }
}
