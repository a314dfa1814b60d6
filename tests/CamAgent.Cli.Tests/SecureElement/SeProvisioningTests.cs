using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Cli.Commands;
using CamAgent.Core.Evidence;
using CamAgent.Core.SecureElement;
using CamAgent.Host.Crypto;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Tests.SecureElement;

public sealed class SeProvisioningTests : IDisposable
{
    private const string DeviceId = "cam-se-0007";

    private readonly string _folder = Directory.CreateTempSubdirectory("camagent-se-cli-").FullName;
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _ca;

    public SeProvisioningTests()
    {
        var request = new CertificateRequest("CN=CamAgent Test Agency CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddYears(2));
    }

    [Fact]
    public void Csr_Signed_By_The_Chip_Is_Enrolled_By_The_Agency_Pki_Installed_And_Its_Evidence_Passes_Camagent_Verify()
    {
        using var device = new EmulatedDevice();
        var layout = new PkiLayout(Path.Combine(_folder, "pki"));
        Assert.True(AgencyPki.Initialize(layout.Root, "Example PD", "evidence.example.gov", null, DateTimeOffset.UtcNow).Ok);
        string csrFile = Path.Combine(_folder, "device.csr.pem");

        (int csrExit, _, string csrError) = Run(new SeCsrCommand(device.Open), "--serial-port", "/dev/ttyEMU0", "--device", DeviceId, "--out", csrFile);
        Assert.True(csrExit == ExitCodes.Ok, csrError);

        // Loading checks the request's signature: the chip signed it with the key inside.
        CertificateRequest request = CertificateRequest.LoadSigningRequestPem(File.ReadAllText(csrFile), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        Assert.Equal($"CN={DeviceId}", request.SubjectName.Name);
        Assert.Contains(request.CertificateExtensions, e => e is X509EnhancedKeyUsageExtension eku && eku.EnhancedKeyUsages[0]!.Value == "1.3.6.1.5.5.7.3.2");
        (int enrolExit, string enrolReport, _) = RunProgram("enrol", "--pki", layout.Root, "--csr", csrFile);
        Assert.True(enrolExit == ExitCodes.Ok, enrolReport);

        (int installExit, _, string installError) = Run(new SeInstallCommand(device.Open), "--serial-port", "/dev/ttyEMU0", "--cert", layout.DeviceCertificate(DeviceId));
        Assert.True(installExit == ExitCodes.Ok, installError);
        byte[] installed = device.Store.Certificate!;
        Assert.Equal(X509Certificate2.CreateFromPem(File.ReadAllText(layout.DeviceCertificate(DeviceId))).RawData, installed);

        string store = SealIntoStore(device, installed);
        (int verifyExit, string report, _) = RunProgram("verify", "--store", store, "--ca", layout.RootCaCertificate, "--ca", layout.DeviceCaCertificate, "--no-receipts");
        Assert.True(verifyExit == ExitCodes.Ok, report);
    }

    [Fact]
    public void Certificate_For_Another_Key_Is_Refused_With_Exit_4_And_Nothing_Installed()
    {
        using var device = new EmulatedDevice();
        using ECDsa otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string certFile = Path.Combine(_folder, "other.crt.pem");
        File.WriteAllText(certFile, Issue(new CertificateRequest($"CN={DeviceId}", otherKey, HashAlgorithmName.SHA256)).ExportCertificatePem());

        (int exit, _, string error) = Run(new SeInstallCommand(device.Open), "--serial-port", "/dev/ttyEMU0", "--cert", certFile);

        Assert.Equal(ExitCodes.CredentialError, exit);
        Assert.Contains("not for this device", error);
        Assert.False(device.Store.HasCertificate);
    }

    [Fact]
    public void Csr_From_A_Chip_With_An_Unlocked_Data_Zone_Fails_With_Exit_6_And_Writes_No_File()
    {
        using var device = new EmulatedDevice(locked: false);
        string csrFile = Path.Combine(_folder, "device.csr.pem");

        (int exit, _, string error) = Run(new SeCsrCommand(device.Open), "--serial-port", "/dev/ttyEMU0", "--device", DeviceId, "--out", csrFile);

        Assert.Equal(ExitCodes.StepFailed, exit);
        Assert.Contains("chip-NotLocked", error);
        Assert.False(File.Exists(csrFile));
        Assert.Equal(0, device.Chip.ExecutedCount(AteccProtocol.OpcodeSign));
    }

    [Fact]
    public void Info_Reports_Serial_Locks_And_Public_Key()
    {
        using var device = new EmulatedDevice();
        (int exit, string output, _) = Run(new SeInfoCommand(device.Open), "--serial-port", "/dev/ttyEMU0");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains(Convert.ToHexStringLower(device.Chip.SerialNumber), output);
        Assert.Contains("config locked:  yes", output);
        Assert.Contains("certificate:    none", output);
    }

    [Fact]
    public void Invalid_Device_Id_Is_A_Usage_Error_Before_The_Device_Is_Contacted()
    {
        using var device = new EmulatedDevice();
        (int exit, _, _) = Run(new SeCsrCommand(_ => throw new InvalidOperationException("must not open")), "--serial-port", "/dev/ttyEMU0", "--device", "bad id", "--out", Path.Combine(_folder, "x.pem"));
        Assert.Equal(ExitCodes.Usage, exit);
    }

    private X509Certificate2 Issue(CertificateRequest request)
    {
        // The agency CA sets a device certificate's extensions itself, whatever the request asks for.
        var issued = new CertificateRequest(request.SubjectName, request.PublicKey, HashAlgorithmName.SHA256);
        issued.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        issued.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        issued.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));

        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        return issued.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), serial);
    }

    // Three records sealed by the chip through the installed certificate, laid out as the ingest server stores them.
    private string SealIntoStore(EmulatedDevice device, byte[] certificate)
    {
        var signer = new SecureElementSigner(device.Driver, EmulatedDevice.KeySlot);
        var sealer = new Sealer(new HostHmacSha256Factory(), signer, certificate, DeviceId, ContentDigest.DefaultChunkSizeBytes);
        var chain = new ChainState();
        string folder = Path.Combine(_folder, "store", "devices", DeviceId);
        Directory.CreateDirectory(folder);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 600_000;
        for (int i = 0; i < 3; i++)
        {
            byte[] content = RandomNumberGenerator.GetBytes(20_000 + i);
            var record = new Manifest
            {
                WallStartMs = now + i * 20_000, WallEndMs = now + i * 20_000 + 10_000,
                MonotonicStartMs = 1_000 + i * 20_000, MonotonicEndMs = 11_000 + i * 20_000,
                ClockState = ClockState.Valid, LastSyncAgeMs = 1_000, UncertaintyMs = 250,
                TimeFloorMs = now - 86_400_000, BootCount = 1,
            };
            byte[] output = new byte[sealer.MaxRecordBytes];
            Assert.Equal(SealStatus.Ok, sealer.SealSegment(new MemoryStream(content), record, chain, output, 0, output.Length, out int written));
            File.WriteAllBytes(Path.Combine(folder, $"{i:D20}.manifest.cose"), output[..written]);
            File.WriteAllBytes(Path.Combine(folder, $"{i:D20}.segment"), content);
        }

        return Path.Combine(_folder, "store");
    }

    private static (int Exit, string Output, string Error) Run(Verb command, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = command.Run(args, new CliContext(output, error, TextReader.Null));
        return (exit, output.ToString(), error.ToString());
    }

    private static (int Exit, string Output, string Error) RunProgram(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Program.Run(args, new CliContext(output, error, TextReader.Null));
        return (exit, output.ToString() + error.ToString(), error.ToString());
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        Directory.Delete(_folder, true);
    }
}
