using System.Text;
using CamAgent.Core.Text;

namespace CamAgent.Core.Tests.Text;

public class Base64BufferTests
{
    [Fact]
    public void Matches_The_Framework_Encoder_And_Round_Trips_For_All_Small_Lengths()
    {
        var random = new Random(1234);
        for (int length = 0; length < 300; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            byte[] text = new byte[Base64.EncodedLength(length)];

            int written = Base64.Encode(data, 0, length, text, 0);
            Assert.Equal(Convert.ToBase64String(data), Encoding.ASCII.GetString(text, 0, written));

            byte[] back = new byte[length];
            Assert.Equal(length, Base64.Decode(text, 0, written, back, 0));
            Assert.Equal(data, back);
        }
    }

    [Fact]
    public void Decodes_In_Place()
    {
        byte[] data = Encoding.ASCII.GetBytes("receipt bytes!");
        byte[] buffer = Encoding.ASCII.GetBytes(Convert.ToBase64String(data));

        int n = Base64.Decode(buffer, 0, buffer.Length, buffer, 0);

        Assert.Equal(data, buffer.AsSpan(0, n).ToArray());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("ab=c")]
    [InlineData("a===")]
    [InlineData("=abc")]
    [InlineData("ab==abcd")]
    [InlineData("ab-_")]
    [InlineData("ab c")]
    [InlineData("QR==")]
    [InlineData("QUF=")]
    public void Rejects_Non_Canonical_Or_Foreign_Text(string text)
    {
        byte[] input = Encoding.ASCII.GetBytes(text);

        Assert.Equal(-1, Base64.Decode(input, 0, input.Length, new byte[16], 0));
    }

    [Fact]
    public void Rejects_Output_That_Does_Not_Fit()
    {
        byte[] input = Encoding.ASCII.GetBytes(Convert.ToBase64String(new byte[10]));

        Assert.Equal(-1, Base64.Decode(input, 0, input.Length, new byte[9], 0));
    }
}
