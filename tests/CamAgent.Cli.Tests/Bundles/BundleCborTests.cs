using CamAgent.Provisioning.Bundles;

namespace CamAgent.Cli.Tests.Bundles;

/// <summary>RFC 8949 Appendix A examples for the subset bundles use, and strict-decoding refusals.</summary>
public sealed class BundleCborTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(23UL, "17")]
    [InlineData(24UL, "1818")]
    [InlineData(1000UL, "1903E8")]
    [InlineData(1000000UL, "1A000F4240")]
    [InlineData(1000000000000UL, "1B000000E8D4A51000")]
    public void Unsigned_Integers_Use_The_Shortest_Head(ulong value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexString(new BundleCbor().UInt(value).ToArray()));
    }

    [Theory]
    [InlineData(-1L, "20")]
    [InlineData(-7L, "26")]
    [InlineData(-100L, "3863")]
    public void Negative_Integers_Encode_As_Major_Type_1(long value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexString(new BundleCbor().Int(value).ToArray()));
    }

    [Fact]
    public void Strings_Maps_Arrays_And_Tags_Match_The_Rfc_Examples()
    {
        Assert.Equal("6449455446", Convert.ToHexString(new BundleCbor().Text("IETF").ToArray()));
        Assert.Equal("4401020304", Convert.ToHexString(new BundleCbor().Bytes([1, 2, 3, 4]).ToArray()));
        Assert.Equal("A201020304", Convert.ToHexString(new BundleCbor().Map(2).UInt(1).UInt(2).UInt(3).UInt(4).ToArray()));
        Assert.Equal("D28100", Convert.ToHexString(new BundleCbor().Tag(18).Array(1).UInt(0).ToArray()));
    }

    [Theory]
    [InlineData("1817")]
    [InlineData("190017")]
    [InlineData("1F")]
    [InlineData("5F")]
    [InlineData("")]
    public void The_Reader_Refuses_Non_Shortest_Or_Indefinite_Heads(string hex)
    {
        var reader = new BundleCborReader(Convert.FromHexString(hex));

        reader.UInt();

        Assert.True(reader.Failed);
    }

    [Fact]
    public void The_Reader_Refuses_A_Length_Beyond_The_Data()
    {
        var reader = new BundleCborReader(Convert.FromHexString("5A7FFFFFFF00"));

        reader.Bytes();

        Assert.True(reader.Failed);
    }
}
