using System.Text;
using CamAgent.Core.Binary;
using CamAgent.Core.Storage;

namespace CamAgent.Core.Tests.Storage;

public class StorageFormatTests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Crc32_Matches_Published_Ieee_Values(string text, uint expected)
    {
        byte[] data = Encoding.ASCII.GetBytes("xx" + text);
        Assert.Equal(expected, Crc32.Compute(data, 2, data.Length - 2));
    }

    [Theory]
    [InlineData(0L, "JNL", "00000000.JNL")]
    [InlineData(0x2AL, "MAN", "0000002A.MAN")]
    [InlineData(0xFFFFFFFFL, "RCP", "FFFFFFFF.RCP")]
    public void Hex_Names_Round_Trip(long number, string extension, string name)
    {
        Assert.Equal(name, StoreNames.Hex(number, extension));
        Assert.Equal(number, StoreNames.ParseHex(name, extension));
        Assert.Equal(number, StoreNames.ParseHex(name.ToLowerInvariant(), extension));
    }

    [Theory]
    [InlineData("0000002A.MAN", "RCP")]
    [InlineData("0000002G.MAN", "MAN")]
    [InlineData("000002A.MAN", "MAN")]
    [InlineData("0000002A_MAN", "MAN")]
    [InlineData("0000002A.MANX", "MAN")]
    [InlineData("", "MAN")]
    public void Names_Of_Another_Form_Parse_As_Minus_One(string name, string extension)
    {
        Assert.Equal(-1, StoreNames.ParseHex(name, extension));
        Assert.Equal(-1, StoreNames.ParseDecimal(name, extension));
    }

    [Fact]
    public void Decimal_Names_Round_Trip_And_Reject_Hex_Digits()
    {
        Assert.Equal("00000042.SEG", StoreNames.Decimal(42, "SEG"));
        Assert.Equal(99999999, StoreNames.ParseDecimal("99999999.seg", "SEG"));
        Assert.Equal(-1, StoreNames.ParseDecimal("0000004A.SEG", "SEG"));
        Assert.Throws<ArgumentOutOfRangeException>(() => StoreNames.Decimal(100000000, "SEG"));
    }

    [Fact]
    public void Int64_Fields_Round_Trip_Including_Negative_Values()
    {
        byte[] buffer = new byte[8];
        foreach (long value in new[] { 0L, 1L, -1L, long.MaxValue, long.MinValue, 0x00000000FFFFFFFFL, 0x7FFFFFFF80000000L })
        {
            Bytes.WriteInt64(buffer, 0, value);
            Assert.Equal(value, Bytes.ReadInt64(buffer, 0));
        }
    }
}
