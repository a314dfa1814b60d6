using System.Text;
using CamAgent.Core.Crypto;

namespace CamAgent.Core.Tests.Crypto;

public class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Matches_Fips180_Examples(string message, string expectedHex)
    {
        byte[] digest = Sha256.Hash(Encoding.ASCII.GetBytes(message));
        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Matches_Dotnet_For_Every_Length_Around_Block_Boundaries_And_Split_Updates()
    {
        var random = new Random(6979);
        for (int length = 0; length <= 300; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            byte[] expected = System.Security.Cryptography.SHA256.HashData(data);

            Assert.Equal(expected, Sha256.Hash(data));

            var sha = new Sha256();
            int split = length == 0 ? 0 : random.Next(length);
            sha.Update(data, 0, split);
            sha.Update(data, split, length - split);
            byte[] actual = new byte[40];
            sha.Final(actual, 8);
            Assert.Equal(expected, actual.AsSpan(8, 32).ToArray());
        }
    }

    [Fact]
    public void Final_Resets_The_Instance_For_Reuse()
    {
        var sha = new Sha256();
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        sha.Update(new byte[] { 1, 2, 3 }, 0, 3);
        sha.Final(first, 0);
        sha.Update(new byte[] { 1, 2, 3 }, 0, 3);
        sha.Final(second, 0);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Rejects_Ranges_Outside_The_Buffer()
    {
        var sha = new Sha256();
        Assert.Throws<ArgumentOutOfRangeException>(() => sha.Update(new byte[4], 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => sha.Final(new byte[31], 0));
    }
}
