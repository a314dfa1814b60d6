using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CamAgent.Core.Board;
using CamAgent.Core.Provisioning;
using CamAgent.Provisioning.Bundles;
using CoreBundle = CamAgent.Core.Provisioning.DeviceBundle;
using HostBundle = CamAgent.Provisioning.Bundles.DeviceBundle;

namespace CamAgent.Cli.Tests.Bundles;

/// <summary>
/// A bundle written by the agency side (BundleCodec, as `camagent bundle create` writes it) is
/// read by the device's own reader, with the key pinned, and its board profile by the device's
/// board reader: the two ends of docs/device-bundle.md agree.
/// </summary>
public class DeviceBundleReadingTests
{
    [Fact]
    public void Device_Reads_An_Agency_Bundle_Against_The_Pinned_Key_And_Reads_Its_Board_Profile()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=bundle signing test", key, HashAlgorithmName.SHA256);
        using X509Certificate2 signer = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        ECParameters point = key.ExportParameters(false);
        byte[] signerKey = [0x04, .. point.Q.X!, .. point.Q.Y!];
        string boardsFolder = Path.Combine(RepositoryRoot(), "boards");
        byte[] board = File.ReadAllBytes(Path.Combine(boardsFolder, "esp32-wroom-32se-devkit.json"));
        byte[] config = Encoding.ASCII.GetBytes("config.version = 1\nconfig.serial = 7\n");
        byte[] encoded = BundleCodec.Encode(new HostBundle("cam-0042", config, board, DateTimeOffset.FromUnixTimeSeconds(1767225600), signerKey, signer.RawData), signer);

        var bundle = new CoreBundle();
        BundleStatus status = new BundleReader().Read(encoded, 0, encoded.Length, signerKey, bundle);

        Assert.Equal(BundleStatus.Ok, status);
        Assert.Equal("cam-0042", bundle.DeviceId);
        Assert.Equal(config, encoded[bundle.ConfigOffset..(bundle.ConfigOffset + bundle.ConfigLength)]);
        Assert.Equal(1767225600L, bundle.IssuedAtSeconds);
        Assert.Equal(signer.RawData, encoded[bundle.CertificateOffset..(bundle.CertificateOffset + bundle.CertificateLength)]);
        Assert.Equal(BoardStatus.Ok, BoardProfileReader.Read(encoded, bundle.BoardOffset, bundle.BoardLength, out BoardProfile? profile, out _));
        Assert.True(profile!.HasSecureElement);
        Assert.Equal(53, profile.SeI2cAddress);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CamAgent.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CamAgent.sln not found");
    }
}
