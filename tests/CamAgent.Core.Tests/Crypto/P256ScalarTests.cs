using System.Numerics;
using CamAgent.Core.Crypto;
using static CamAgent.Core.Tests.Crypto.P256Reference;

namespace CamAgent.Core.Tests.Crypto;

public class P256ScalarTests
{
    [Fact]
    public void Montgomery_Constants_Are_Those_Of_The_Group_Order()
    {
        Assert.Equal(N, ToBig(P256Scalar.Order));
        Assert.Equal(uint.MaxValue, unchecked(P256Scalar.Order[0] * P256Scalar.MontgomeryFactor));
        Assert.Equal(BigInteger.ModPow(2, 512, N), ToBig(P256Scalar.MontgomeryRSquared));
    }

    [Fact]
    public void Multiply_Add_And_Invert_Match_BigInteger()
    {
        var scalar = new P256Scalar();
        var random = new Random(5);
        BigInteger[] edges = { BigInteger.One, 2, N - 1, N - 2, (BigInteger.One << 255) };
        uint[] r = new uint[8];
        for (int i = 0; i < 200; i++)
        {
            BigInteger a = i < edges.Length ? edges[i] : Below(random, N);
            BigInteger b = i < edges.Length ? N - 1 : Below(random, N);
            scalar.Multiply(r, ToLimbs(a), ToLimbs(b));
            Assert.Equal(Mod(a * b, N), ToBig(r));
            scalar.Add(r, ToLimbs(a), ToLimbs(b));
            Assert.Equal(Mod(a + b, N), ToBig(r));
            scalar.Invert(r, ToLimbs(a));
            Assert.Equal(BigInteger.One, Mod(ToBig(r) * a, N));
        }
    }

    [Fact]
    public void ReduceOnce_Maps_Every_256_Bit_Value_Below_N()
    {
        var scalar = new P256Scalar();
        var random = new Random(6);
        BigInteger[] values = { N, N - 1, N + 1, (BigInteger.One << 256) - 1, BigInteger.Zero };
        foreach (BigInteger v in values.Concat(Enumerable.Range(0, 100).Select(_ => Below(random, BigInteger.One << 256))))
        {
            uint[] x = ToLimbs(v);
            scalar.ReduceOnce(x);
            Assert.Equal(Mod(v, N), ToBig(x));
        }
    }

    [Fact]
    public void IsInRange_Accepts_1_To_N_Minus_1_Only()
    {
        Assert.False(P256Scalar.IsInRange(ToLimbs(0)));
        Assert.True(P256Scalar.IsInRange(ToLimbs(1)));
        Assert.True(P256Scalar.IsInRange(ToLimbs(N - 1)));
        Assert.False(P256Scalar.IsInRange(ToLimbs(N)));
        Assert.False(P256Scalar.IsInRange(ToLimbs((BigInteger.One << 256) - 1)));
    }
}
