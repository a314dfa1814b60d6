using CamAgent.Core.SecureElement;

namespace CamAgent.Core.Tests.SecureElement;

public sealed class AteccCrcTests
{
    [Fact]
    public void Wake_Token_Carries_The_Crc_Of_Its_Count_And_Status()
    {
        byte[] token = { 0x04, 0x11, 0x33, 0x43 };
        Assert.Equal(0x4333, AteccCrc.Compute(token, 0, 2));
        Assert.True(AteccCrc.Matches(token, 0, 2));
    }

    [Fact]
    public void Info_Command_Packet_Has_The_Published_Crc()
    {
        // The Info (revision) packet as printed in Microchip's application notes: 07 30 00 00 00 | 03 5D.
        byte[] packet = { 0x07, 0x30, 0x00, 0x00, 0x00, 0x00, 0x00 };
        AteccCrc.Append(packet, 0, 5);
        Assert.Equal(new byte[] { 0x03, 0x5D }, packet[5..]);
    }

    [Fact]
    public void A_Single_Flipped_Bit_Fails_The_Check()
    {
        byte[] token = { 0x04, 0x11, 0x33, 0x43 };
        token[1] ^= 0x01;
        Assert.False(AteccCrc.Matches(token, 0, 2));
    }
}
