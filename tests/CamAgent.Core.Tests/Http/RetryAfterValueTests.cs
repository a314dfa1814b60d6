using System.Text;
using CamAgent.Core.Http;

namespace CamAgent.Core.Tests.Http;

public class RetryAfterValueTests
{
    private static readonly DateTime Now = new(1994, 11, 6, 8, 49, 7, DateTimeKind.Utc);

    [Theory]
    [InlineData("120", 120_000)]
    [InlineData("0", 0)]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT", 30_000)]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT", 30_000)]
    [InlineData("Sun Nov  6 08:49:37 1994", 30_000)]
    [InlineData("Sun Nov 06 08:50:07 1994", 60_000)]
    [InlineData("Sat, 05 Nov 1994 08:49:37 GMT", 0)]
    [InlineData("Thu, 29 Feb 1996 00:00:00 GMT", 41_440_253_000)]
    public void Reads_Delay_Seconds_And_All_Three_Date_Forms(string value, long expectedMs)
    {
        byte[] b = Encoding.ASCII.GetBytes(value);

        Assert.True(RetryAfterValue.TryGetDelayMs(b, 0, b.Length, Now, out long delayMs));
        Assert.Equal(expectedMs, delayMs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("soon")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 UTC")]
    [InlineData("Sun, 31 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 29 Feb 1995 08:49:37 GMT")]
    [InlineData("Sun, 06 Foo 1994 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 24:49:37 GMT")]
    [InlineData("Sun, 6 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun Nov  6 08:49:37 94")]
    [InlineData("99999999999999999999999")]
    public void Rejects_Anything_Else(string value)
    {
        byte[] b = Encoding.ASCII.GetBytes(value);

        Assert.False(RetryAfterValue.TryGetDelayMs(b, 0, b.Length, Now, out _));
    }

    [Fact]
    public void Places_Two_Digit_Years_Within_Fifty_Years_Of_Now()
    {
        byte[] b = Encoding.ASCII.GetBytes("Monday, 01-Jan-99 00:00:00 GMT");

        Assert.True(HttpDate.TryParse(b, 0, b.Length, 2026, out DateTime when));
        Assert.Equal(1999, when.Year);
        Assert.True(HttpDate.TryParse(b, 0, b.Length, 2060, out when));
        Assert.Equal(2099, when.Year);
    }
}
