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
}
