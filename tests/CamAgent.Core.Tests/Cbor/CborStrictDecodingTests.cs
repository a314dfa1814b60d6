using CamAgent.Core.Cbor;

namespace CamAgent.Core.Tests.Cbor;

public class CborStrictDecodingTests
{
    private static CborStatus ReadAll(string hex)
    {
        byte[] data = Convert.FromHexString(hex);
        var reader = new CborReader(data, 0, data.Length);
        CborStatus status = reader.SkipValue();
        return status == CborStatus.Ok ? reader.ReadEnd() : status;
    }

    [Theory]
    [InlineData("1817", CborStatus.NonCanonical)]              // 23 in two bytes
    [InlineData("190017", CborStatus.NonCanonical)]            // 23 in three bytes
    [InlineData("1a0000ffff", CborStatus.NonCanonical)]        // 65535 in five bytes
    [InlineData("1b00000000ffffffff", CborStatus.NonCanonical)]
    [InlineData("5801ff", CborStatus.NonCanonical)]            // length 1 in long form
    [InlineData("5fff", CborStatus.IndefiniteLength)]
    [InlineData("9fff", CborStatus.IndefiniteLength)]
    [InlineData("bfff", CborStatus.IndefiniteLength)]
    [InlineData("1c", CborStatus.Malformed)]
    [InlineData("c001", CborStatus.Unsupported)]               // tag
    [InlineData("f93c00", CborStatus.Unsupported)]             // half float
    [InlineData("f7", CborStatus.Unsupported)]                 // undefined
    [InlineData("f820", CborStatus.Unsupported)]               // simple(32)
    [InlineData("a2010102", CborStatus.Truncated)]
    [InlineData("a201010101", CborStatus.DuplicateKey)]
    [InlineData("a202010101", CborStatus.KeyOrder)]
    [InlineData("a2200101", CborStatus.KeyOrder)]              // -1 (0x20) sorts after 1 (0x01)
    [InlineData("a1800001", CborStatus.UnsupportedKey)]
    [InlineData("0000", CborStatus.TrailingBytes)]
    [InlineData("62c328", CborStatus.InvalidUtf8)]
    [InlineData("62c0af", CborStatus.InvalidUtf8)]             // overlong
    [InlineData("63eda080", CborStatus.InvalidUtf8)]           // surrogate
    [InlineData("64f4908080", CborStatus.InvalidUtf8)]         // above U+10FFFF
    [InlineData("5a00010001", CborStatus.TooLarge)]            // 65,537 declared bytes: over the string limit
    [InlineData("9818", CborStatus.Truncated)]                 // 24 items, none present
    [InlineData("98ff", CborStatus.TooLarge)]
    [InlineData("", CborStatus.Truncated)]
    public void Non_Deterministic_Or_Unsupported_Input_Is_Refused_With_Its_Status(string hex, CborStatus expected)
    {
        Assert.Equal(expected, ReadAll(hex));
    }

    [Fact]
    public void Nesting_Beyond_The_Depth_Limit_Is_Refused()
    {
        string hex = string.Concat(Enumerable.Repeat("81", CborLimits.MaxDepth + 1)) + "00";
        Assert.Equal(CborStatus.TooDeep, ReadAll(hex));
        string allowed = string.Concat(Enumerable.Repeat("81", CborLimits.MaxDepth)) + "00";
        Assert.Equal(CborStatus.Ok, ReadAll(allowed));
    }

    [Fact]
    public void Map_Keys_In_Bytewise_Order_Of_Mixed_Types_Are_Accepted()
    {
        // 1 (0x01), 24 (0x1818), -1 (0x20), "a" (0x6161)
        Assert.Equal(CborStatus.Ok, ReadAll("a401001818002000616100"));
    }

    [Fact]
    public void A_Failure_Is_Sticky()
    {
        byte[] data = Convert.FromHexString("821817");
        var reader = new CborReader(data, 0, data.Length);
        Assert.Equal(CborStatus.Ok, reader.ReadArrayHeader(out _));
        Assert.Equal(CborStatus.NonCanonical, reader.ReadUInt64(out _));
        Assert.Equal(CborStatus.NonCanonical, reader.ReadEnd());
    }

    [Fact]
    public void Type_Mismatch_Is_A_Status_Not_An_Exception()
    {
        byte[] data = Convert.FromHexString("6161");
        var reader = new CborReader(data, 0, data.Length);
        Assert.Equal(CborStatus.UnexpectedType, reader.ReadUInt64(out _));
    }

    [Fact]
    public void Negative_Integer_Beyond_Long_Range_Overflows()
    {
        byte[] data = Convert.FromHexString("3b8000000000000000");
        var reader = new CborReader(data, 0, data.Length);
        Assert.Equal(CborStatus.Overflow, reader.ReadInt64(out _));
    }
}
