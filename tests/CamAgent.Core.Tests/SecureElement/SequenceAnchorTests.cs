using CamAgent.Core.SecureElement;

namespace CamAgent.Core.Tests.SecureElement;

public sealed class SequenceAnchorTests
{
    private const int K = SequenceAnchor.DefaultBlockSize;

    [Fact]
    public void New_Chain_Increments_The_Counter_Once_Per_Block_Of_Sequence_Numbers()
    {
        using var fixture = new ChipFixture(withKey: false);
        fixture.Chip.SetCounter(0, 5);
        var anchor = new SequenceAnchor(fixture.Driver, 0, K);
        Assert.Equal(AnchorStatus.Ok, anchor.Establish(out long counterBase));
        Assert.Equal(5, counterBase);

        for (long sequence = 0; sequence < 10 * K; sequence++)
        {
            Assert.Equal(AnchorStatus.Ok, anchor.Reserve(sequence));
            Assert.True(sequence < anchor.LeaseEnd);
        }

        Assert.Equal(15, fixture.Chip.GetCounter(0));
        Assert.Equal(10, fixture.Chip.ExecutedCount(AteccProtocol.OpcodeCounter) - 1);
    }

    [Theory]
    [InlineData(3 * K)]
    [InlineData(3 * K - 1)]
    [InlineData(2 * K)]
    public void Reboot_With_The_Latest_Persisted_Sequence_Opens(long nextSequence)
    {
        using var fixture = new ChipFixture(withKey: false);
        fixture.Chip.SetCounter(0, 7 + 3);
        var anchor = new SequenceAnchor(fixture.Driver, 0, K);
        Assert.Equal(AnchorStatus.Ok, anchor.Open(7, nextSequence));
        Assert.Equal(AnchorStatus.Ok, anchor.Reserve(nextSequence));
    }

    [Fact]
    public void Flash_Restored_From_An_Image_More_Than_K_Records_Old_Is_Detected_As_RolledBack()
    {
        using var fixture = new ChipFixture(withKey: false);
        var anchor = new SequenceAnchor(fixture.Driver, 0, K);
        Assert.Equal(AnchorStatus.Ok, anchor.Establish(out long counterBase));
        for (long sequence = 0; sequence < 5 * K; sequence++)
        {
            Assert.Equal(AnchorStatus.Ok, anchor.Reserve(sequence));
        }

        var afterReboot = new SequenceAnchor(fixture.Driver, 0, K);
        Assert.Equal(AnchorStatus.RolledBack, afterReboot.Open(counterBase, 2 * K));
        Assert.Throws<InvalidOperationException>(() => afterReboot.Reserve(2 * K));
        Assert.Equal(AnchorStatus.Ok, afterReboot.Open(counterBase, 5 * K));
    }

    [Fact]
    public void Persisted_State_Ahead_Of_The_Chip_Is_A_ChipMismatch()
    {
        using var fixture = new ChipFixture(withKey: false);
        fixture.Chip.SetCounter(0, 2);
        var anchor = new SequenceAnchor(fixture.Driver, 0, K);
        Assert.Equal(AnchorStatus.ChipMismatch, anchor.Open(0, 2 * K + 1));
        Assert.Equal(AnchorStatus.ChipMismatch, anchor.Open(3, 0));
    }

    [Fact]
    public void Exhausted_Counter_Stops_Reservations_With_CounterExhausted()
    {
        using var fixture = new ChipFixture(withKey: false);
        fixture.Chip.SetCounter(0, AteccProtocol.CounterMax - 1);
        var anchor = new SequenceAnchor(fixture.Driver, 0, K);
        Assert.Equal(AnchorStatus.Ok, anchor.Establish(out _));
        Assert.Equal(AnchorStatus.Ok, anchor.Reserve(0));
        Assert.Equal(AnchorStatus.Ok, anchor.Reserve(K - 1));
        Assert.Equal(AnchorStatus.CounterExhausted, anchor.Reserve(K));
        Assert.Equal(AnchorStatus.CounterExhausted, anchor.Reserve(K));
        Assert.Equal(AteccProtocol.CounterMax, fixture.Chip.GetCounter(0));
    }

    [Fact]
    public void Lost_Increment_Answer_Is_Resynchronised_Without_A_Second_Increment_Or_A_False_Rollback()
    {
        using var fixture = new ChipFixture(withKey: false);
        var anchor = new SequenceAnchor(fixture.Driver, 0, K);
        Assert.Equal(AnchorStatus.Ok, anchor.Establish(out long counterBase));
        fixture.Chip.CorruptResponses = int.MaxValue;

        Assert.Equal(AnchorStatus.DeviceError, anchor.Reserve(0));
        Assert.Equal(SecureElementStatus.CommunicationError, anchor.LastDeviceStatus);
        Assert.Equal(1, fixture.Chip.GetCounter(0));

        fixture.Chip.CorruptResponses = 0;
        Assert.Equal(AnchorStatus.Ok, anchor.Reserve(0));
        Assert.Equal(1, fixture.Chip.GetCounter(0));
        Assert.Equal(AnchorStatus.Ok, new SequenceAnchor(fixture.Driver, 0, K).Open(counterBase, 0));
    }
}
