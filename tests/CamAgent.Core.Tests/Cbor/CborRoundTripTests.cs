using CamAgent.Core.Cbor;

namespace CamAgent.Core.Tests.Cbor;

public class CborRoundTripTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(23UL, "17")]
    [InlineData(24UL, "1818")]
    [InlineData(255UL, "18ff")]
    [InlineData(256UL, "190100")]
    [InlineData(65535UL, "19ffff")]
    [InlineData(65536UL, "1a00010000")]
    [InlineData(4294967295UL, "1affffffff")]
    [InlineData(4294967296UL, "1b0000000100000000")]
    [InlineData(ulong.MaxValue, "1bffffffffffffffff")]
    public void Unsigned_Integers_Use_The_Shortest_Form_Of_Rfc8949_Appendix_A(ulong value, string expectedHex)
    {
        byte[] buffer = new byte[16];
        var writer = new CborWriter(buffer, 0, buffer.Length);
        writer.WriteUInt64(value);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(buffer, 0, writer.Length));

        var reader = new CborReader(buffer, 0, writer.Length);
        Assert.Equal(CborStatus.Ok, reader.ReadUInt64(out ulong read));
        Assert.Equal(value, read);
        Assert.Equal(CborStatus.Ok, reader.ReadEnd());
    }

    [Theory]
    [InlineData(-1L, "20")]
    [InlineData(-7L, "26")]
    [InlineData(-24L, "37")]
    [InlineData(-25L, "3818")]
    [InlineData(-1000L, "3903e7")]
    [InlineData(long.MinValue, "3b7fffffffffffffff")]
    [InlineData(long.MaxValue, "1b7fffffffffffffff")]
    public void Signed_Integers_Round_Trip_With_Rfc8949_Encodings(long value, string expectedHex)
    {
        byte[] buffer = new byte[16];
        var writer = new CborWriter(buffer, 0, buffer.Length);
        writer.WriteInt64(value);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(buffer, 0, writer.Length));

        var reader = new CborReader(buffer, 0, writer.Length);
        Assert.Equal(CborStatus.Ok, reader.ReadInt64(out long read));
        Assert.Equal(value, read);
    }

    [Fact]
    public void Nested_Structures_Round_Trip_And_Skip_Cleanly()
    {
        byte[] buffer = new byte[128];
        var writer = new CborWriter(buffer, 0, buffer.Length);
        writer.WriteMapHeader(3);
        writer.WriteUInt64(1);
        writer.WriteTextString("héllo");
        writer.WriteUInt64(2);
        writer.WriteArrayHeader(3);
        writer.WriteBoolean(true);
        writer.WriteNull();
        writer.WriteByteString(new byte[] { 1, 2, 3 }, 0, 3);
        writer.WriteUInt64(3);
        writer.WriteBoolean(false);
        Assert.Equal(CborStatus.Ok, writer.Status);

        var reader = new CborReader(buffer, 0, writer.Length);
        Assert.Equal(CborStatus.Ok, reader.ReadMapHeader(out int pairs));
        Assert.Equal(3, pairs);
        Assert.Equal(CborStatus.Ok, reader.ReadUInt64(out ulong key));
        Assert.Equal(1UL, key);
        Assert.Equal(CborStatus.Ok, reader.ReadTextString(out string? text));
        Assert.Equal("héllo", text);
        Assert.Equal(CborStatus.Ok, reader.ReadUInt64(out key));
        Assert.Equal(CborStatus.Ok, reader.SkipValue());
        Assert.Equal(CborStatus.Ok, reader.ReadUInt64(out key));
        Assert.Equal(3UL, key);
        Assert.Equal(CborStatus.Ok, reader.ReadBoolean(out bool flag));
        Assert.False(flag);
        Assert.Equal(CborStatus.Ok, reader.ReadEnd());
    }

    [Fact]
    public void Byte_Strings_Are_Returned_In_Place_Without_Copying()
    {
        byte[] buffer = new byte[] { 0x43, 0xAA, 0xBB, 0xCC };
        var reader = new CborReader(buffer, 0, buffer.Length);
        Assert.Equal(CborStatus.Ok, reader.ReadByteString(out int offset, out int length));
        Assert.Equal(1, offset);
        Assert.Equal(3, length);
    }

    [Fact]
    public void Writer_Reports_BufferTooSmall_And_Writes_Nothing_Past_Its_Region()
    {
        byte[] buffer = new byte[8];
        buffer[5] = 0x5A;
        var writer = new CborWriter(buffer, 0, 5);
        writer.WriteByteString(new byte[10], 0, 10);
        writer.WriteUInt64(1);
        Assert.Equal(CborStatus.BufferTooSmall, writer.Status);
        Assert.Equal(0x5A, buffer[5]);
    }

    [Fact]
    public void Reading_Past_The_Single_Top_Level_Item_Is_Refused()
    {
        byte[] buffer = new byte[] { 0x01, 0x02 };
        var reader = new CborReader(buffer, 0, buffer.Length);
        Assert.Equal(CborStatus.Ok, reader.ReadUInt64(out _));
        Assert.Equal(CborStatus.NoMoreItems, reader.ReadUInt64(out _));
    }
}
