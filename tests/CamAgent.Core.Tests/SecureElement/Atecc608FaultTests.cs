using CamAgent.Core.SecureElement;

namespace CamAgent.Core.Tests.SecureElement;

/// <summary>Every fault ends in a specific status within a bounded number of bus transactions.</summary>
public sealed class Atecc608FaultTests
{
    [Fact]
    public void Corrupted_Response_Is_Reread_Without_Executing_The_Command_Twice()
    {
        using var fixture = new ChipFixture();
        fixture.Chip.CorruptResponses = 1;
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.IncrementCounter(0, out int value));
        Assert.Equal(1, value);
        Assert.Equal(1, fixture.Chip.GetCounter(0));
        Assert.Equal(1, fixture.Chip.ExecutedCount(AteccProtocol.OpcodeCounter));
    }

    [Fact]
    public void Response_That_Never_Passes_Its_Crc_Returns_CommunicationError_And_No_Signature()
    {
        using var fixture = new ChipFixture();
        fixture.Chip.CorruptResponses = int.MaxValue;
        int before = fixture.Chip.Transactions;
        byte[] signature = new byte[Atecc608.SignatureBytes];

        Assert.Equal(SecureElementStatus.CommunicationError, fixture.Driver.SignDigest(ChipFixture.KeySlot, new byte[32], 0, signature, 0));

        Assert.All(signature, b => Assert.Equal(0, b));
        Assert.InRange(fixture.Chip.Transactions - before, 1, 40);
    }

    [Fact]
    public void Chip_That_Never_Wakes_Returns_NoResponse_After_Three_Pulses()
    {
        using var fixture = new ChipFixture();
        fixture.Chip.IgnoreWakes = true;
        int before = fixture.Chip.WakePulses;
        byte[] signature = new byte[Atecc608.SignatureBytes];

        Assert.Equal(SecureElementStatus.NoResponse, fixture.Driver.SignDigest(ChipFixture.KeySlot, new byte[32], 0, signature, 0));

        Assert.Equal(AteccTiming.WakeAttempts, fixture.Chip.WakePulses - before);
        Assert.All(signature, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Chip_Busy_Past_Its_Maximum_Execution_Time_Returns_Busy_After_Bounded_Polling()
    {
        using var fixture = new ChipFixture();
        fixture.Chip.ExtraExecutionMs = 1000;
        long startMs = fixture.Clock.ElapsedMs;
        int before = fixture.Chip.Transactions;

        Assert.Equal(SecureElementStatus.Busy, fixture.Driver.ReadCounter(0, out _));

        int pollBound = AteccTiming.MaxPolls(AteccProtocol.OpcodeCounter);
        Assert.InRange(fixture.Chip.Transactions - before, pollBound, pollBound + 6);
        Assert.InRange(fixture.Clock.ElapsedMs - startMs, AteccTiming.CounterMaxMs, AteccTiming.CounterMaxMs + 20);
    }

    [Fact]
    public void Command_Corrupted_On_The_Wire_Once_Is_Sent_Again_And_Succeeds()
    {
        using var fixture = new ChipFixture();
        fixture.Chip.CorruptCommands = 1;
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.IncrementCounter(0, out int value));
        Assert.Equal(1, value);
        Assert.Equal(1, fixture.Driver.RetriedOperations);
    }

    [Fact]
    public void Command_Corrupted_Every_Time_Returns_CommandCorrupted_And_Never_Signs()
    {
        using var fixture = new ChipFixture();
        fixture.Chip.CorruptCommands = int.MaxValue;
        Assert.Equal(SecureElementStatus.CommandCorrupted, fixture.Driver.SignDigest(ChipFixture.KeySlot, new byte[32], 0, new byte[64], 0));
        Assert.Equal(0, fixture.Chip.ExecutedCount(AteccProtocol.OpcodeSign));
    }

    [Fact]
    public void Chip_Put_To_Sleep_By_Its_Watchdog_Answers_The_Next_Operation_After_A_Fresh_Wake()
    {
        using var fixture = new ChipFixture();
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.ReadCounter(0, out _));
        fixture.Clock.Advance(AteccTiming.WatchdogMs * 2);
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.SignDigest(ChipFixture.KeySlot, new byte[32], 0, new byte[64], 0));
    }

    [Fact]
    public void Watchdog_Too_Close_For_Sign_Returns_WatchdogExpired_After_Bounded_Attempts_Without_Signing()
    {
        // A 40 ms watchdog leaves room for Nonce but never for Sign (50 ms in the emulator): 0xEE every time.
        using var fixture = new ChipFixture();
        fixture.Chip.WatchdogMs = 40;
        int wakesBefore = fixture.Chip.WakePulses;
        byte[] signature = new byte[Atecc608.SignatureBytes];

        Assert.Equal(SecureElementStatus.WatchdogExpired, fixture.Driver.SignDigest(ChipFixture.KeySlot, new byte[32], 0, signature, 0));

        Assert.Equal(0, fixture.Chip.ExecutedCount(AteccProtocol.OpcodeSign));
        Assert.Equal(AteccTiming.OperationAttempts, fixture.Chip.WakePulses - wakesBefore);
        Assert.All(signature, b => Assert.Equal(0, b));
    }
}
