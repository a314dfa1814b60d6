using CamAgent.Core.Text;

namespace CamAgent.Core.Tests.Text;

public sealed class Base64Tests
{
    [Fact]
    public void Decodes_What_DotNet_Encodes_For_Every_Length_Up_To_100()
    {
        var rng = new Random(1);
        for (int n = 1; n <= 100; n++)
        {
            byte[] data = new byte[n];
            rng.NextBytes(data);
            Assert.True(Base64.TryDecode(Convert.ToBase64String(data), 1000, out byte[] decoded));
            Assert.Equal(data, decoded);
        }
    }

    [Theory]
    [InlineData("QUJD\n")]
    [InlineData("QUJ D")]
    [InlineData("QUI")]
    [InlineData("QR==")] // non-zero unused bits
    [InlineData("QUI=QUJD")] // padding inside
    [InlineData("Q===")]
    [InlineData("-_-_")] // URL-safe alphabet
    [InlineData("")]
    public void Refuses_Non_Canonical_Or_Foreign_Input(string text)
    {
        Assert.False(Base64.TryDecode(text, 1000, out byte[] decoded));
        Assert.Null(decoded);
    }

    [Fact]
    public void Refuses_Before_Allocating_When_The_Result_Would_Exceed_The_Limit()
    {
        Assert.False(Base64.TryDecode(Convert.ToBase64String(new byte[33]), 32, out _));
    }
}
