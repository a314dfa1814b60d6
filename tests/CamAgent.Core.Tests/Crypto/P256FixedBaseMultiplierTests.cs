using System.Numerics;
using CamAgent.Core.Crypto;
using static CamAgent.Core.Tests.Crypto.P256Reference;

namespace CamAgent.Core.Tests.Crypto;

public class P256FixedBaseMultiplierTests
{
    private static byte[] AffineOf(BigInteger k)
    {
        var field = new P256Field();
        var arith = new P256PointArithmetic(field);
        var comb = new P256FixedBaseMultiplier(arith);
        var point = new P256JacobianPoint();
        comb.Multiply(point, ToLimbs(k));
        uint[] x = new uint[8], y = new uint[8];
        Assert.True(arith.ToAffine(x, y, point));
        byte[] key = new byte[65];
        key[0] = 4;
        Uint256.ToBytes(x, key, 1);
        Uint256.ToBytes(y, key, 33);
        return key;
    }

    [Fact]
    public void Takes_The_Doubling_Path_When_The_Accumulator_Meets_The_Table_Point()
    {
        // W = 1 + 2^128 + 2^192 is comb entry 13. k = 2W + n has exactly W's bits in the last
        // column, so before the last addition the accumulator is (k - W) G = W G = T[13].
        BigInteger w = BigInteger.One + (BigInteger.One << 128) + (BigInteger.One << 192);
        BigInteger k = (2 * w) + N;
        Assert.True(k < (BigInteger.One << 256));
        Assert.Equal(PlatformPublicKey(To32Bytes(2 * w)), AffineOf(k));
    }

    [Fact]
    public void Scalars_Of_Zero_And_N_Give_Infinity_And_Small_Scalars_Match_The_Platform()
    {
        var arith = new P256PointArithmetic(new P256Field());
        var comb = new P256FixedBaseMultiplier(arith);
        var point = new P256JacobianPoint();
        comb.Multiply(point, ToLimbs(BigInteger.Zero));
        Assert.True(point.IsInfinity);
        comb.Multiply(point, ToLimbs(N));
        Assert.True(point.IsInfinity);

        foreach (BigInteger k in new BigInteger[] { 1, 2, 3, 15, 16, BigInteger.One << 64, (BigInteger.One << 255) + 1, N - 1, N + 1 })
        {
            Assert.Equal(PlatformPublicKey(To32Bytes(Mod(k, N))), AffineOf(k));
        }
    }
}
