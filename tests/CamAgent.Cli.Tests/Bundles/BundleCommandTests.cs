using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CamAgent.Provisioning;
using CamAgent.Provisioning.Bundles;

namespace CamAgent.Cli.Tests.Bundles;

public sealed class BundleCommandTests : IDisposable
{
    private const string WifiPassword = "correct horse battery";
    private readonly TempFolder temp = new();
    private readonly PkiLayout layout;

    public BundleCommandTests()
    {
        layout = new PkiLayout(temp.Combine("pki"));
        AgencyPki pki = AgencyPki.Initialize(layout.Root, "Example PD", "evidence.example.gov", null, DateTimeOffset.UtcNow).Value!;
        Assert.True(new DeviceRegistry(pki).EnrolGenerated("cam-0001", null, DateTimeOffset.UtcNow).Ok);
    }

    [Fact]
    public void Create_Writes_A_Secret_Bundle_That_Verifies_And_Prints_No_Secret()
    {
        CamAgentProcess.Result create = Create("cam-0001", "ai-thinker-esp32-cam", "cam.bundle.cose");
        CamAgentProcess.Result verify = CamAgentProcess.Run(temp.Path, "bundle", "verify", "--bundle", "cam.bundle.cose", "--pki", "pki");

        Assert.True(create.ExitCode == ExitCodes.Ok, create.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.Combine("cam.bundle.cose")));
        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.ToString());
        Assert.Contains("VALID device bundle for cam-0001", verify.Output);
        Assert.Contains("in the bundle (software signer)", verify.Output);
        string everything = create.Output + create.Error + verify.Output + verify.Error;
        Assert.DoesNotContain(WifiPassword, everything);
        Assert.DoesNotContain("device.key", everything);
        Assert.Equal(new[] { "cam.bundle.cose", "pki" }, Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void The_Configuration_Carries_A_Device_Key_That_Belongs_To_The_Device_Certificate()
    {
        Assert.Equal(ExitCodes.Ok, Create("cam-0001", "ai-thinker-esp32-cam", "cam.bundle.cose").ExitCode);

        DeviceBundle bundle = BundleCodec.Decode(File.ReadAllBytes(temp.Combine("cam.bundle.cose"))).Value!;
        string config = Encoding.ASCII.GetString(bundle.Config);
        byte[] d = Convert.FromBase64String(DeviceConfigText.Value(config, "device.key")!);
        using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(DeviceConfigText.Value(config, "device.certificate")!));
        using ECDsa publicKey = certificate.GetECDsaPublicKey()!;
        using ECDsa privateKey = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d, Q = publicKey.ExportParameters(false).Q });

        Assert.Equal(32, d.Length);
        Assert.True(publicKey.VerifyData("probe"u8, privateKey.SignData("probe"u8, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
        Assert.Equal("evidence.example.gov", DeviceConfigText.Value(config, "agency.host"));
        Assert.Equal(65, Convert.FromBase64String(DeviceConfigText.Value(config, "receipt.key")!).Length);
        Assert.DoesNotContain('\r', config);
    }

    [Fact]
    public void A_Tampered_Bundle_Is_Refused_As_Invalid_And_Left_As_It_Is()
    {
        Assert.Equal(ExitCodes.Ok, Create("cam-0001", "ai-thinker-esp32-cam", "cam.bundle.cose").ExitCode);
        byte[] bytes = File.ReadAllBytes(temp.Combine("cam.bundle.cose"));
        int host = IndexOf(bytes, "evidence.example.gov"u8.ToArray());
        bytes[host] = (byte)'E';
        File.WriteAllBytes(temp.Combine("tampered.cose"), bytes);

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "bundle", "verify", "--bundle", "tampered.cose", "--pki", "pki");

        Assert.Equal(ExitCodes.Invalid, result.ExitCode);
        Assert.Contains("signature does not verify", result.Error);
        Assert.Equal(bytes, File.ReadAllBytes(temp.Combine("tampered.cose")));
    }

    [Fact]
    public void A_Bundle_Signed_By_Another_Agency_Is_Refused_With_Either_Trust_Source()
    {
        string other = temp.Combine("other-pki");
        AgencyPki otherPki = AgencyPki.Initialize(other, "Other PD", "evidence.other.gov", null, DateTimeOffset.UtcNow).Value!;
        Assert.True(new DeviceRegistry(otherPki).EnrolGenerated("cam-0001", null, DateTimeOffset.UtcNow).Ok);
        Assert.Equal(ExitCodes.Ok, CamAgentProcess.RunWith(temp.Path, null, null, "bundle", "create", "--pki", other, "--device", "cam-0001", "--board", "ai-thinker-esp32-cam", "--wifi-ssid", "Other", "--out", "other.cose").ExitCode);

        CamAgentProcess.Result withPki = CamAgentProcess.Run(temp.Path, "bundle", "verify", "--bundle", "other.cose", "--pki", "pki");
        CamAgentProcess.Result withCa = CamAgentProcess.Run(temp.Path, "bundle", "verify", "--bundle", "other.cose", "--ca", layout.RootCaCertificate);

        Assert.Equal(ExitCodes.Invalid, withPki.ExitCode);
        Assert.Contains("not signed by this agency's bundle-signing certificate", withPki.Error);
        Assert.Equal(ExitCodes.Invalid, withCa.ExitCode);
        Assert.Contains("does not chain to the agency root CA", withCa.Error);
    }

    [Fact]
    public void A_File_That_Is_Not_A_Bundle_Is_Bad_Input()
    {
        File.WriteAllBytes(temp.Combine("noise.cose"), RandomNumberGenerator.GetBytes(200));

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "bundle", "verify", "--bundle", "noise.cose", "--pki", "pki");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("not a CamAgent device bundle", result.Error);
    }

    [Fact]
    public void No_Bundle_For_A_Revoked_Device()
    {
        Assert.Equal(ExitCodes.Ok, CamAgentProcess.Run(temp.Path, "revoke", "--pki", "pki", "--device", "cam-0001").ExitCode);

        CamAgentProcess.Result result = Create("cam-0001", "ai-thinker-esp32-cam", "cam.bundle.cose");

        Assert.Equal(ExitCodes.CredentialError, result.ExitCode);
        Assert.Contains("is revoked", result.Error);
        Assert.False(File.Exists(temp.Combine("cam.bundle.cose")));
    }

    [Fact]
    public void No_Bundle_For_An_Unknown_Board()
    {
        CamAgentProcess.Result result = Create("cam-0001", "esp8266-cam", "cam.bundle.cose");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("Unknown board 'esp8266-cam'", result.Error);
        Assert.False(File.Exists(temp.Combine("cam.bundle.cose")));
    }

    [Fact]
    public void A_Csr_Enrolled_Device_Needs_A_Board_With_A_Secure_Element()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(temp.Combine("cam.csr"), Csr.Create("cam-0002", key, X509KeyUsageFlags.DigitalSignature));
        Assert.Equal(ExitCodes.Ok, CamAgentProcess.Run(temp.Path, "enrol", "--pki", "pki", "--csr", "cam.csr").ExitCode);

        CamAgentProcess.Result refused = Create("cam-0002", "ai-thinker-esp32-cam", "a.cose");
        CamAgentProcess.Result accepted = Create("cam-0002", "esp32-wroom-32se-devkit", "b.cose");
        CamAgentProcess.Result verify = CamAgentProcess.Run(temp.Path, "bundle", "verify", "--bundle", "b.cose", "--pki", "pki");

        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Contains("has none", refused.Error);
        Assert.False(File.Exists(temp.Combine("a.cose")));
        Assert.True(accepted.ExitCode == ExitCodes.Ok, accepted.ToString());
        Assert.Contains("in the secure element", verify.Output);
    }

    [Fact]
    public void Each_New_Bundle_Of_A_Device_Has_A_Larger_Configuration_Serial()
    {
        Assert.Equal(ExitCodes.Ok, Create("cam-0001", "ai-thinker-esp32-cam", "first.cose").ExitCode);
        Assert.Equal(ExitCodes.Ok, Create("cam-0001", "ai-thinker-esp32-cam", "second.cose").ExitCode);

        Assert.Contains("configuration serial: 1", CamAgentProcess.Run(temp.Path, "bundle", "verify", "--bundle", "first.cose", "--pki", "pki").Output);
        Assert.Contains("configuration serial: 2", CamAgentProcess.Run(temp.Path, "bundle", "verify", "--bundle", "second.cose", "--pki", "pki").Output);
    }

    [Theory]
    [InlineData("short", "--wifi-ssid", "PD Fleet", "Wi-Fi password must be")]
    [InlineData(WifiPassword, "--wifi-ssid", "a-network-name-that-is-longer-than-32", "Wi-Fi SSID must be")]
    [InlineData(WifiPassword, "--chunk-size", "10000", "chunk size must be a power of two")]
    public void Bad_Settings_Are_Refused_Before_Anything_Is_Signed(string password, string option, string value, string expected)
    {
        string[] args = ["bundle", "create", "--pki", "pki", "--device", "cam-0001", "--board", "ai-thinker-esp32-cam", "--out", "cam.cose", "--wifi-password-stdin"];
        args = option == "--wifi-ssid" ? [.. args, option, value] : [.. args, "--wifi-ssid", "PD Fleet", option, value];

        CamAgentProcess.Result result = CamAgentProcess.RunWith(temp.Path, password + "\n", null, args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain(password == "short" ? "short\n" : WifiPassword, result.Error);
        Assert.False(File.Exists(temp.Combine("cam.cose")));
        Assert.False(File.Exists(Path.Combine(layout.DeviceFolder("cam-0001"), "bundle-serial")));
    }

    [Fact]
    public void An_Existing_Output_File_Is_Never_Overwritten()
    {
        File.WriteAllText(temp.Combine("cam.bundle.cose"), "keep");

        CamAgentProcess.Result result = Create("cam-0001", "ai-thinker-esp32-cam", "cam.bundle.cose");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Equal("keep", File.ReadAllText(temp.Combine("cam.bundle.cose")));
    }

    private CamAgentProcess.Result Create(string device, string board, string output) =>
        CamAgentProcess.RunWith(temp.Path, WifiPassword + "\n", null, "bundle", "create", "--pki", "pki", "--device", device, "--board", board,
            "--wifi-ssid", "PD Fleet", "--wifi-password-stdin", "--out", output);

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        throw new ArgumentException("Marker not found.");
    }

    public void Dispose() => temp.Dispose();
}
