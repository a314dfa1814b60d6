using CamAgent.Core.Evidence;
using CamAgent.Host.Crypto;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Evidence;

public class ContentDigestTests
{
    private const int C = ContentDigest.DefaultChunkSizeBytes;

    public static TheoryData<int> Lengths => new() { 0, 1, C - 1, C, C + 1, 2 * C, 3 * C, 3 * C + 17 };

    private static byte[] Content(int length, int seed)
    {
        byte[] data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static byte[] ZeroCopy(byte[] content, int chunkSize)
    {
        var digest = new ContentDigest(new HostHmacSha256Factory(), chunkSize);
        for (int start = 0; start < content.Length; start += chunkSize)
        {
            int length = Math.Min(chunkSize, content.Length - start);
            Array.Copy(content, start, digest.BlockBuffer, ContentDigest.ChunkDataOffset, length);
            digest.CommitChunk(length);
        }

        byte[] result = new byte[32];
        digest.Finish(result, 0);
        return result;
    }

    [Fact]
    public void The_Published_Key_Is_Sha256_Of_Its_Name()
    {
        Assert.Equal(ReferenceContentDigest.Key, ContentDigest.CopyKey());
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Zero_Copy_Path_Matches_The_Reference_Construction(int length)
    {
        byte[] content = Content(length, length);
        Assert.Equal(ReferenceContentDigest.Compute(content, C), ZeroCopy(content, C));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Append_In_Random_Pieces_Matches_The_Zero_Copy_Path(int length)
    {
        byte[] content = Content(length, length + 1);
        var random = new Random(length);
        var digest = new ContentDigest(new HostHmacSha256Factory(), C);
        int position = 0;
        while (position < content.Length)
        {
            int piece = Math.Min(random.Next(0, 3 * C / 2), content.Length - position);
            digest.Append(content, position, piece);
            position += piece;
        }

        byte[] result = new byte[32];
        digest.Finish(result, 0);
        Assert.Equal(ZeroCopy(content, C), result);
        Assert.Equal(content.Length, digest.TotalLength);
    }

    [Fact]
    public void Digest_Depends_On_Chunk_Size_Length_And_Every_Byte()
    {
        byte[] content = Content(1000, 7);
        byte[] baseline = ReferenceContentDigest.Compute(content, 256);
        Assert.Equal(baseline, ZeroCopy(content, 256));
        Assert.NotEqual(baseline, ZeroCopy(content, 512));
        Assert.NotEqual(baseline, ZeroCopy(content[..999], 256));
        content[500] ^= 1;
        Assert.NotEqual(baseline, ZeroCopy(content, 256));

        // Trailing zeros are not confused with padding: the length is in every block.
        byte[] padded = new byte[1001];
        Array.Copy(content, padded, 1000);
        Assert.NotEqual(ZeroCopy(content, 256), ZeroCopy(padded, 256));
    }

    [Fact]
    public void Reset_Allows_Reuse_With_Identical_Results()
    {
        byte[] content = Content(3 * 256 + 5, 3);
        var digest = new ContentDigest(new HostHmacSha256Factory(), 256);
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        digest.Append(content, 0, content.Length);
        digest.Finish(first, 0);
        digest.Reset();
        digest.Append(content, 0, content.Length);
        digest.Finish(second, 0);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Misuse_Is_A_Programming_Error()
    {
        var digest = new ContentDigest(new HostHmacSha256Factory(), 256);
        digest.CommitChunk(10);
        Assert.Throws<InvalidOperationException>(() => digest.CommitChunk(10));
        Assert.Throws<InvalidOperationException>(() => digest.Append(new byte[1], 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContentDigest(new HostHmacSha256Factory(), 10));
        digest.Finish(new byte[32], 0);
        Assert.Throws<InvalidOperationException>(() => digest.Finish(new byte[32], 0));
    }
}
