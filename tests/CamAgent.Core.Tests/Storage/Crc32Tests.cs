using System.Text;
using CamAgent.Core.Storage;

namespace CamAgent.Core.Tests.Storage;

/// <summary>The table-driven CRC-32 against the published IEEE values and a bit-by-bit oracle.</summary>
public class Crc32Tests
{
    [Fact]
    public void Check_Value_Of_123456789_Is_CBF43926()
    {
        byte[] data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
    }

    [Theory]
    [InlineData(0x00, 0xD202EF8Du)]
    [InlineData(0xFF, 0xFF000000u)]
    public void Single_Bytes_Match_Zlib(byte value, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute([value], 0, 1));
    }

    [Fact]
    public void Every_Length_And_Offset_Matches_The_Bitwise_Definition()
    {
        byte[] data = new byte[1100];
        new Random(5).NextBytes(data);
        for (int offset = 0; offset < 8; offset++)
        {
            for (int count = 0; count <= 300; count++)
            {
                Assert.Equal(Bitwise(data, offset, count), Crc32.Compute(data, offset, count));
            }
        }

        Assert.Equal(Bitwise(data, 3, 1097), Crc32.Compute(data, 3, 1097));
    }

    [Fact]
    public void Thirty_Two_Zero_Bytes_And_Thirty_Two_Ones_Match_Known_Values()
    {
        // iSCSI-style test patterns evaluated with zlib's crc32.
        Assert.Equal(0x190A55ADu, Crc32.Compute(new byte[32], 0, 32));
        Assert.Equal(0xFF6CAB0Bu, Crc32.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray(), 0, 32));
    }

    [Fact]
    public void Out_Of_Range_Arguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Crc32.Compute(new byte[4], 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Crc32.Compute(new byte[4], -1, 1));
    }

    // The definition: reflected polynomial 0xEDB88320, one bit at a time (the former implementation).
    private static uint Bitwise(byte[] data, int offset, int count)
    {
        uint crc = 0xFFFFFFFF;
        for (int i = offset; i < offset + count; i++)
        {
            crc ^= data[i];
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
