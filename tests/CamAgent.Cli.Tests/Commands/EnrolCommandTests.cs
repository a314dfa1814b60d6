using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Tests.Commands;

public sealed class EnrolCommandTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly PkiLayout layout;

    public EnrolCommandTests()
    {
        layout = new PkiLayout(temp.Combine("pki"));
        Assert.True(AgencyPki.Initialize(layout.Root, "Example PD", "evidence.example.gov", null, DateTimeOffset.UtcNow).Ok);
    }

    [Fact]
    public void Generate_Issues_A_Client_Certificate_That_Chains_Through_The_Device_Ca()
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "enrol", "--pki", "pki", "--generate", "--device", "cam-0001");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(new[] { "cam-0001", "cam-0001/device.crt.pem", "cam-0001/device.key.pem" }, TempFolder.Listing(layout.DevicesFolder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.DeviceKey("cam-0001")));
        using X509Certificate2 device = X509Certificate2.CreateFromPemFile(layout.DeviceCertificate("cam-0001"), layout.DeviceKey("cam-0001"));
        Assert.Equal("cam-0001", device.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.True(PkiAssert.ChainsToDeviceCa(layout, device, out string status), status);
    }

    [Fact]
    public void Several_Devices_Are_Enrolled_In_One_Run_And_A_Refusal_Stops_It_There()
    {
        CamAgentProcess.Result many = CamAgentProcess.Run(temp.Path, "enrol", "--pki", "pki", "--generate", "--device", "cam-0101", "--device", "cam-0102", "--device", "cam-0103");
        CamAgentProcess.Result again = CamAgentProcess.Run(temp.Path, "enrol", "--pki", "pki", "--generate", "--device", "cam-0104", "--device", "cam-0101", "--device", "cam-0105");

        Assert.True(many.ExitCode == ExitCodes.Ok, many.ToString());
        Assert.Equal(3, many.Output.Split('\n').Count(line => line.StartsWith("Enrolled cam-01", StringComparison.Ordinal)));
        Assert.Equal(ExitCodes.Conflict, again.ExitCode);
        Assert.True(File.Exists(temp.Combine("pki", "devices", "cam-0104", "device.crt.pem")));
        Assert.False(Directory.Exists(temp.Combine("pki", "devices", "cam-0105")));
    }

    [Fact]
    public void Csr_From_The_Device_Is_Signed_Without_The_Pki_Ever_Holding_The_Key()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(temp.Combine("cam.csr"), Csr.Create("cam-0002", key, X509KeyUsageFlags.DigitalSignature));

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "enrol", "--pki", "pki", "--csr", "cam.csr");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(new[] { "cam-0002", "cam-0002/device.crt.pem" }, TempFolder.Listing(layout.DevicesFolder));
        using X509Certificate2 device = X509Certificate2.CreateFromPem(File.ReadAllText(layout.DeviceCertificate("cam-0002")));
        using ECDsa issuedKey = device.GetECDsaPublicKey()!;
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), issuedKey.ExportSubjectPublicKeyInfo());
        Assert.True(PkiAssert.ChainsToDeviceCa(layout, device, out string status), status);
    }

    [Fact]
    public void Refuses_A_Csr_Asking_For_Certificate_Signing_Usage_And_Issues_Nothing()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(temp.Combine("cam.csr"), Csr.Create("cam-0003", key, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign));

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "enrol", "--pki", "pki", "--csr", "cam.csr");

        Assert.Equal(ExitCodes.CredentialError, result.ExitCode);
        Assert.Contains("key usage", result.Error);
        Assert.Empty(TempFolder.Listing(layout.DevicesFolder));
    }

    [Fact]
    public void Refuses_A_Csr_Whose_Signature_Does_Not_Verify_And_Issues_Nothing()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(temp.Combine("cam.csr"), Csr.Tamper(Csr.Create("cam-0004", key, X509KeyUsageFlags.DigitalSignature)));

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "enrol", "--pki", "pki", "--csr", "cam.csr");

        Assert.Equal(ExitCodes.CredentialError, result.ExitCode);
        Assert.Contains("signature does not verify", result.Error);
        Assert.Empty(TempFolder.Listing(layout.DevicesFolder));
    }

    [Fact]
    public void Refuses_A_Csr_With_An_Rsa_Key_And_Issues_Nothing()
    {
        using RSA rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=cam-0005", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        File.WriteAllText(temp.Combine("cam.csr"), request.CreateSigningRequestPem());

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "enrol", "--pki", "pki", "--csr", "cam.csr");

        Assert.Equal(ExitCodes.CredentialError, result.ExitCode);
        Assert.Contains("P-256", result.Error);
        Assert.Empty(TempFolder.Listing(layout.DevicesFolder));
    }

    [Fact]
    public void Refuses_A_Duplicate_Device_Id_And_Keeps_The_First_Certificate()
    {
        Assert.Equal(ExitCodes.Ok, CamAgentProcess.Run(temp.Path, "enrol", "--pki", "pki", "--generate", "--device", "cam-0006").ExitCode);
        byte[] first = File.ReadAllBytes(layout.DeviceCertificate("cam-0006"));

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "enrol", "--pki", "pki", "--generate", "--device", "cam-0006");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Contains("already enrolled", result.Error);
        Assert.Equal(first, File.ReadAllBytes(layout.DeviceCertificate("cam-0006")));
        Assert.Equal(new[] { "cam-0006", "cam-0006/device.crt.pem", "cam-0006/device.key.pem" }, TempFolder.Listing(layout.DevicesFolder));
    }

    [Fact]
    public void Refuses_To_Issue_From_An_Expired_Device_Ca()
    {
        string expired = temp.Combine("expired-pki");
        Assert.True(AgencyPki.Initialize(expired, "Example PD", "evidence.example.gov", null, DateTimeOffset.UtcNow.AddDays(-(PkiPolicy.RootCaLifetimeDays + 1))).Ok);

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "enrol", "--pki", "expired-pki", "--generate", "--device", "cam-0007");

        Assert.Equal(ExitCodes.CredentialError, result.ExitCode);
        Assert.Contains("device-issuing CA certificate is valid from", result.Error);
        Assert.Empty(TempFolder.Listing(Path.Combine(expired, "devices")));
    }

    [Fact]
    public void Refuses_A_Device_Ca_Key_That_Belongs_To_Another_Ca()
    {
        string other = temp.Combine("other-pki");
        Assert.True(AgencyPki.Initialize(other, "Other PD", "evidence.other.gov", null, DateTimeOffset.UtcNow).Ok);
        File.Copy(new PkiLayout(other).DeviceCaKey, layout.DeviceCaKey, overwrite: true);

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "enrol", "--pki", "pki", "--generate", "--device", "cam-0008");

        Assert.Equal(ExitCodes.CredentialError, result.ExitCode);
        Assert.Contains("does not belong to the device-issuing CA", result.Error);
        Assert.Empty(TempFolder.Listing(layout.DevicesFolder));
    }

    [Theory]
    [InlineData("Cam-0009")]
    [InlineData("cam.0009")]
    [InlineData("-cam")]
    [InlineData("cam_0009")]
    [InlineData("a-device-id-that-is-much-too-long-0009")]
    public void Refuses_An_Invalid_Device_Id(string deviceId)
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "enrol", "--pki", "pki", "--generate", "--device", deviceId);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("not a valid device id", result.Error);
        Assert.Empty(TempFolder.Listing(layout.DevicesFolder));
    }

    [Fact]
    public void Encrypted_Ca_Key_Needs_The_Passphrase_From_Environment_Or_Stdin()
    {
        string encrypted = temp.Combine("enc-pki");
        var env = new Dictionary<string, string> { ["CA_PASS"] = "correct horse battery staple" };
        Assert.Equal(ExitCodes.Ok, CamAgentProcess.RunWith(temp.Path, null, env, "pki", "init", "--pki", encrypted, "--agency", "Example PD", "--host", "evidence.example.gov", "--passphrase-env", "CA_PASS").ExitCode);
        Assert.Contains("ENCRYPTED PRIVATE KEY", File.ReadAllText(new PkiLayout(encrypted).DeviceCaKey));

        CamAgentProcess.Result without = CamAgentProcess.Run(temp.Path, "enrol", "--pki", encrypted, "--generate", "--device", "cam-0010");
        CamAgentProcess.Result wrong = CamAgentProcess.RunWith(temp.Path, "wrong passphrase\n", null, "enrol", "--pki", encrypted, "--generate", "--device", "cam-0010", "--passphrase-stdin");
        CamAgentProcess.Result right = CamAgentProcess.RunWith(temp.Path, "correct horse battery staple\n", null, "enrol", "--pki", encrypted, "--generate", "--device", "cam-0010", "--passphrase-stdin");

        Assert.Equal(ExitCodes.CredentialError, without.ExitCode);
        Assert.Contains("is encrypted", without.Error);
        Assert.Equal(ExitCodes.CredentialError, wrong.ExitCode);
        Assert.Contains("passphrase does not open", wrong.Error);
        Assert.True(right.ExitCode == ExitCodes.Ok, right.ToString());
        Assert.DoesNotContain("correct horse", right.Output + right.Error);
    }

    public void Dispose() => temp.Dispose();
}
