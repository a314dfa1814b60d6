using System.Security.Cryptography.X509Certificates;
using System.Text;
using CamAgent.Provisioning;
using CamAgent.Provisioning.Bundles;

namespace CamAgent.Cli.Tests.Bundles;

/// <summary>
/// `camagent bundle verify` runs the device's own configuration validator: a bundle correctly
/// signed by the agency but carrying a configuration the camera would refuse is NOT valid.
/// </summary>
public sealed class BundleConfigurationTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly PkiLayout layout;

    public BundleConfigurationTests()
    {
        layout = new PkiLayout(temp.Combine("pki"));
        AgencyPki pki = AgencyPki.Initialize(layout.Root, "Example PD", "evidence.example.gov", null, DateTimeOffset.UtcNow).Value!;
        Assert.True(new DeviceRegistry(pki).EnrolGenerated("cam-0001", null, DateTimeOffset.UtcNow).Ok);
        CamAgentProcess.Result created = CamAgentProcess.RunWith(temp.Path, null, null, "bundle", "create", "--pki", "pki", "--device", "cam-0001",
            "--board", "ai-thinker-esp32-cam", "--wifi-ssid", "Fleet", "--out", "cam.bundle.cose");
        Assert.True(created.ExitCode == ExitCodes.Ok, created.ToString());
    }

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("agency.host = evidence.example.gov", "agency.host = 127.0.0.1", "an IP address as the agency host")]
    [InlineData("agency.host = evidence.example.gov", "agency.host = evidence.example.gov\nagency.host = evidence.example.gov", "a duplicate key")]
    [InlineData("agency.host = evidence.example.gov", "agency.host = evidence.example.gov\nagency.port = 9091", "an unknown key naming another port")]
    public void A_Signed_Bundle_Whose_Configuration_The_Device_Refuses_Is_Not_Valid(string line, string replacement, string what)
    {
        WriteResigned("bad.cose", config => config.Replace(line, replacement, StringComparison.Ordinal));

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "bundle", "verify", "--bundle", "bad.cose", "--pki", "pki");

        Assert.True(result.ExitCode == ExitCodes.Invalid, $"{what}: {result}");
        Assert.Contains("The device would refuse the bundle's configuration", result.Error);
    }

    [Fact]
    public void The_Same_Bundle_Re_Signed_Unchanged_Is_Valid()
    {
        WriteResigned("same.cose", config => config);

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "bundle", "verify", "--bundle", "same.cose", "--pki", "pki");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
    }

    // What someone holding the bundle-signing key (or a buggy tool) could sign.
    private void WriteResigned(string name, Func<string, string> edit)
    {
        DeviceBundle original = BundleCodec.Decode(File.ReadAllBytes(temp.Combine("cam.bundle.cose"))).Value!;
        string config = edit(Encoding.ASCII.GetString(original.Config));
        using X509Certificate2 signer = AgencyPki.LoadIssuer(layout.BundleSignerCertificate, layout.BundleSignerKey, "bundle-signing", null, DateTimeOffset.UtcNow).Value!;
        byte[] encoded = BundleCodec.Encode(original with { Config = Encoding.ASCII.GetBytes(config) }, signer);
        File.WriteAllBytes(temp.Combine(name), encoded);
    }
}
