using CamAgent.Core.Agent;

namespace CamAgent.Core.Tests.Agent;

public sealed class LedPatternTests
{
    [Fact]
    public void Every_Status_Has_A_Pattern_Distinct_From_Every_Other()
    {
        var signatures = new HashSet<string>();
        foreach (AgentStatus status in Enum.GetValues<AgentStatus>())
        {
            LedPattern p = LedPattern.For(status);
            string lit = string.Concat(Enumerable.Range(0, 60).Select(i => p.IsLit(i * 100L) ? '1' : '0'));
            Assert.True(signatures.Add(lit), $"{status} looks like another status");
        }
    }

    [Fact]
    public void Idle_Is_Dark_And_Credential_Error_Is_Steady()
    {
        Assert.False(LedPattern.For(AgentStatus.Idle).IsLit(1234));
        Assert.True(LedPattern.For(AgentStatus.CredentialError).IsSteady);
        Assert.True(LedPattern.For(AgentStatus.CredentialError).IsLit(987654));
    }

    [Fact]
    public void Waiting_For_Time_Blinks_Twice_Per_Cycle()
    {
        LedPattern p = LedPattern.For(AgentStatus.WaitingForTime);
        int rising = 0;
        for (long t = 1; t < 3000; t++)
        {
            if (p.IsLit(t) && !p.IsLit(t - 1))
            {
                rising++;
            }
        }

        Assert.Equal(2, rising + (p.IsLit(0) ? 1 : 0));
    }
}
