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

    [Fact]
    public void Matches_The_Fips180_Two_Block_And_Million_A_Examples()
    {
        const string twoBlocks = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
        Assert.Equal("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", Convert.ToHexStringLower(Sha256.Hash(Encoding.ASCII.GetBytes(twoBlocks))));

        var sha = new Sha256();
        byte[] thousand = Enumerable.Repeat((byte)'a', 1000).ToArray();
        for (int i = 0; i < 1000; i++)
        {
            sha.Update(thousand, 0, thousand.Length);
        }

        byte[] digest = new byte[32];
        sha.Final(digest, 0);
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Matches_Dotnet_On_Long_Random_Inputs_Fed_In_Uneven_Pieces()
    {
        var random = new Random(180);
        for (int round = 0; round < 20; round++)
        {
            byte[] data = new byte[random.Next(1, 20_000)];
            random.NextBytes(data);
            var sha = new Sha256();
            for (int at = 0; at < data.Length;)
            {
                int piece = Math.Min(random.Next(1, 200), data.Length - at);
                sha.Update(data, at, piece);
                at += piece;
            }

            byte[] digest = new byte[32];
            sha.Final(digest, 0);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), digest);
        }
    }
}
