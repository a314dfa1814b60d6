using System.Security.Cryptography;
using CamAgent.Core.Provisioning;

namespace CamAgent.Core.Tests.Provisioning;

public class Sec1PrivateKeyTests
{
    [Fact]
    public void Encoding_Is_Byte_For_Byte_What_DotNet_Exports_And_Imports_As_The_Same_Key()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters parameters = key.ExportParameters(includePrivateParameters: true);
        byte[] point = [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
        byte[] encoded = new byte[Sec1PrivateKey.EncodedBytes + 3];

        Sec1PrivateKey.Encode(parameters.D!, 0, point, 0, encoded, 3);

        byte[] der = encoded[3..];
        Assert.Equal(key.ExportECPrivateKey(), der);
        using ECDsa imported = ECDsa.Create();
        imported.ImportECPrivateKey(der, out int read);
        Assert.Equal(Sec1PrivateKey.EncodedBytes, read);
        Assert.Equal(parameters.D, imported.ExportParameters(true).D);
    }

    [Fact]
    public void Refuses_An_Output_Too_Small_Without_Writing()
    {
        byte[] output = new byte[Sec1PrivateKey.EncodedBytes - 1];

        Assert.Throws<ArgumentOutOfRangeException>(() => Sec1PrivateKey.Encode(new byte[32], 0, new byte[65], 0, output, 0));
        Assert.All(output, b => Assert.Equal(0, b));
    }
}
