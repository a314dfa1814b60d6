using System.Text;
using CamAgent.Core.Crypto;

namespace CamAgent.Core.Tests.Crypto;

public class HmacSha256Tests
{
    [Theory]
    // RFC 4231 test cases 1, 2 and 6 (key longer than the block).
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    [InlineData("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
    public void Matches_Rfc4231(string keyHex, string dataHex, string macHex)
    {
        var hmac = new HmacSha256(Convert.FromHexString(keyHex));
        byte[] mac = new byte[32];
        hmac.Compute(Convert.FromHexString(dataHex), mac, 0);
        Assert.Equal(macHex, Convert.ToHexStringLower(mac));
    }

    [Fact]
    public void Matches_The_Platform_For_Random_Keys_Messages_And_Split_Updates()
    {
        var random = new Random(2104);
        var hmac = new HmacSha256();
        for (int i = 0; i < 200; i++)
        {
            byte[] key = new byte[random.Next(0, 150)];
            byte[] data = new byte[random.Next(0, 300)];
            random.NextBytes(key);
            random.NextBytes(data);
            hmac.SetKey(key, 0, key.Length);
            int split = random.Next(data.Length + 1);
            hmac.Update(data, 0, split);
            hmac.Update(data, split, data.Length - split);
            byte[] mac = new byte[40];
            hmac.Final(mac, 8);
            Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(key, data), mac.AsSpan(8, 32).ToArray());

            // Final leaves the instance keyed for the next message.
            hmac.Update(data, 0, data.Length);
            hmac.Final(mac, 0);
            Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(key, data), mac.AsSpan(0, 32).ToArray());
        }
    }

    [Fact]
    public void Rejects_Output_Ranges_Outside_The_Buffer()
    {
        var hmac = new HmacSha256(Encoding.ASCII.GetBytes("k"));
        Assert.Throws<ArgumentOutOfRangeException>(() => hmac.Final(new byte[31], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => hmac.SetKey(new byte[4], 2, 3));
    }
}
