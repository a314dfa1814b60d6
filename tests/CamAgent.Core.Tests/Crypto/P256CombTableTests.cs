using System.Numerics;
using CamAgent.Core.Crypto;
using static CamAgent.Core.Tests.Crypto.P256Reference;

namespace CamAgent.Core.Tests.Crypto;

public class P256CombTableTests
{
    [Fact]
    public void Every_Entry_Equals_The_Platform_Computed_Multiple_Of_G()
    {
        Assert.Equal(P256CombTable.Entries * P256CombTable.EntryLimbs, P256CombTable.Points.Length);
        Assert.Equal(1024, P256CombTable.SizeBytes);
        for (int b = 1; b < P256CombTable.Entries; b++)
        {
            BigInteger scalar = BigInteger.Zero;
            for (int tooth = 0; tooth < P256CombTable.Teeth; tooth++)
            {
                if (((b >> tooth) & 1) != 0)
                {
                    scalar += BigInteger.One << (tooth * P256CombTable.Spacing);
                }
            }

            byte[] expected = PlatformPublicKey(To32Bytes(scalar));
            uint[] x = P256CombTable.Points.AsSpan(b * 16, 8).ToArray();
            uint[] y = P256CombTable.Points.AsSpan((b * 16) + 8, 8).ToArray();
            Assert.Equal(new BigInteger(expected.AsSpan(1, 32), true, true), ToBig(x));
            Assert.Equal(new BigInteger(expected.AsSpan(33, 32), true, true), ToBig(y));
        }
    }

    [Fact]
    public void A_Table_Built_At_Run_Time_For_G_Equals_The_Constant_Table()
    {
        var field = new P256Field();
        var table = new P256PointCombTable();
        uint[] gx = P256CombTable.Points.AsSpan(16, 8).ToArray();
        uint[] gy = P256CombTable.Points.AsSpan(24, 8).ToArray();
        table.Build(gx, gy, new P256PointArithmetic(field));
        Assert.Equal(P256CombTable.Points.AsSpan(16).ToArray(), table.Points.AsSpan(16).ToArray());
        Assert.InRange(field.MultiplyCount + field.SquareCount, 1, 2200);
    }
}
