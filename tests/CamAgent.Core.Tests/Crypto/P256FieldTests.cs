using System.Numerics;
using CamAgent.Core.Crypto;
using static CamAgent.Core.Tests.Crypto.P256Reference;

namespace CamAgent.Core.Tests.Crypto;

public class P256FieldTests
{
    private static IEnumerable<BigInteger> Operands(int seed, int count)
    {
        // Edge values first: they exercise every carry and fold path of the fast reduction.
        yield return BigInteger.Zero;
        yield return BigInteger.One;
        yield return P - 1;
        yield return P - 2;
        yield return (BigInteger.One << 255) - 1;
        yield return (BigInteger.One << 224);
        yield return (BigInteger.One << 192) - 1;
        yield return ((BigInteger.One << 256) - 1) % P;
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            yield return Below(random, P);
        }
    }

    [Fact]
    public void Multiply_Square_Add_Subtract_Match_BigInteger_Including_Edge_Values()
    {
        var field = new P256Field();
        int count = Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1" ? 50000 : 300;
        BigInteger[] a = Operands(1, count).ToArray();
        BigInteger[] b = Operands(2, count).Reverse().ToArray();
        uint[] r = new uint[8];
        for (int i = 0; i < a.Length; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                uint[] x = ToLimbs(a[i]);
                uint[] y = ToLimbs(b[(i + j) % b.Length]);
                BigInteger yb = b[(i + j) % b.Length];
                field.Multiply(r, x, y);
                Assert.Equal(Mod(a[i] * yb, P), ToBig(r));
                field.Square(r, x);
                Assert.Equal(Mod(a[i] * a[i], P), ToBig(r));
                field.Add(r, x, y);
                Assert.Equal(Mod(a[i] + yb, P), ToBig(r));
                field.Subtract(r, x, y);
                Assert.Equal(Mod(a[i] - yb, P), ToBig(r));
            }
        }
    }

    [Fact]
    public void Results_May_Alias_Their_Operands()
    {
        var field = new P256Field();
        var random = new Random(3);
        BigInteger a = Below(random, P);
        uint[] x = ToLimbs(a);
        field.Multiply(x, x, x);
        Assert.Equal(Mod(a * a, P), ToBig(x));
        field.Add(x, x, x);
        Assert.Equal(Mod(2 * a * a, P), ToBig(x));
    }

    [Fact]
    public void Invert_Matches_Fermat_And_Costs_255_Squarings_And_12_Multiplications()
    {
        var field = new P256Field();
        uint[] r = new uint[8];
        foreach (BigInteger a in Operands(4, 50).Where(v => !v.IsZero))
        {
            field.ResetCounters();
            field.Invert(r, ToLimbs(a));
            Assert.Equal(BigInteger.ModPow(a, P - 2, P), ToBig(r));
            Assert.Equal(BigInteger.One, Mod(ToBig(r) * a, P));
            Assert.Equal(255, field.SquareCount);
            Assert.Equal(12, field.MultiplyCount);
        }
    }

    [Fact]
    public void Invert_Of_Zero_Is_Zero()
    {
        var field = new P256Field();
        uint[] r = new uint[8];
        field.Invert(r, new uint[8]);
        Assert.True(ToBig(r).IsZero);
    }
}
