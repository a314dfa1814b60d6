using CamAgent.Core.Upload;

namespace CamAgent.Core.Tests.Upload;

public class RetryPolicyTests
{
    private readonly RetryPolicy _policy = new(1000, 300_000, 3_600_000);

    [Fact]
    public void Ceiling_Doubles_From_The_Base_Up_To_The_Cap()
    {
        int[] ceilings = Enumerable.Range(1, 12).Select(_policy.CeilingMs).ToArray();

        Assert.Equal([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000], ceilings);
        Assert.Equal(300_000, _policy.CeilingMs(int.MaxValue));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0x80000000u)]
    [InlineData(0xFFFFFFFEu)]
    [InlineData(0xFFFFFFFFu)]
    public void Full_Jitter_Stays_Within_Zero_And_The_Ceiling(uint jitter)
    {
        for (int failures = 1; failures <= 40; failures++)
        {
            int delay = _policy.BackoffMs(failures, jitter);
            Assert.InRange(delay, 0, _policy.CeilingMs(failures));
        }
    }

    [Fact]
    public void Jitter_Extremes_Map_To_Zero_And_The_Ceiling_And_The_Middle_To_Half()
    {
        Assert.Equal(0, _policy.BackoffMs(3, 0));
        Assert.Equal(4000, _policy.BackoffMs(3, uint.MaxValue));
        Assert.Equal(2000, _policy.BackoffMs(3, 0x80000000u));
    }

    [Fact]
    public void Retry_After_Is_Never_Shortened_And_Gets_At_Most_One_Base_Delay_Of_Jitter()
    {
        Assert.Equal(30_000, _policy.RetryAfterMs(30_000, 0));
        Assert.Equal(31_000, _policy.RetryAfterMs(30_000, uint.MaxValue));
        Assert.Equal(3_600_000, _policy.RetryAfterMs(10_000_000, 0));
    }

    [Theory]
    [InlineData(0, 10, 10)]
    [InlineData(100, 50, 10)]
    [InlineData(100, 200, -1)]
    public void Refuses_Nonsense_Settings(int baseMs, int maxMs, int maxRetryAfterMs)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(baseMs, maxMs, maxRetryAfterMs));
    }
}
