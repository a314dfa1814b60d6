using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Verification;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// `camagent serve` refuses, in one sentence, a trust setup under which no camera could ever be
/// accepted, and the files the agency IT guide lists are enough for cameras to upload.
/// </summary>
public sealed class TrustSetupTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly TestPki _pki = new();
    private readonly IngestOptions _options;

    public TrustSetupTests()
    {
        _options = _pki.WriteServerFiles(_temp.Combine("config"), _temp.Combine("store"));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Serve_Exits_3_In_One_Line_When_The_Device_Ca_Comes_Without_Its_Root()
    {
        File.WriteAllText(_options.DeviceCaPath, _pki.DeviceCa.ExportCertificatePem());
        string config = ServerProcess.WriteConfig(_options, _temp.Combine("config", "ingest.json"));

        (int exit, string error) = RunServe(config);

        Assert.Equal(3, exit);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("without the agency root", line, StringComparison.Ordinal);
        Assert.Contains("rootCaPath", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_A_Device_Ca_File_That_Starts_With_The_Root()
    {
        File.WriteAllText(_options.DeviceCaPath, _pki.Root.ExportCertificatePem() + "\n" + _pki.DeviceCa.ExportCertificatePem());

        var error = await Assert.ThrowsAsync<IngestConfigurationException>(() => IngestServer.StartAsync(_options));

        Assert.Contains("must come first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_A_Receipt_Certificate_Without_The_Receipt_Signing_Usage()
    {
        // The receipt key certified the way the server TLS or bundle-signing key is: no receipt usage.
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Not A Receipt Signer", _pki.ReceiptKey, HashAlgorithmName.SHA256);
        using var plain = request.Create(_pki.Root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), [0x41, 0x02]);
        File.WriteAllText(_options.ReceiptCertificatePath, plain.ExportCertificatePem());

        var error = await Assert.ThrowsAnyAsync<IngestConfigurationException>(() => IngestServer.StartAsync(_options));

        Assert.Contains(ReceiptSigningUsage.Oid, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Files_The_Guide_Lists_Let_A_Camera_Upload_And_The_Store_Keeps_The_Device_Ca()
    {
        // agency-it-guide.md §5: ca/device-ca.crt.pem alone, the root in rootCaPath.
        File.WriteAllText(_options.DeviceCaPath, _pki.DeviceCa.ExportCertificatePem());
        _options.RootCaPath = _temp.Combine("config", "root-ca.crt.pem");
        File.WriteAllText(_options.RootCaPath, _pki.Root.ExportCertificatePem());
        await using IngestServer server = await IngestServer.StartAsync(_options);
        var camera = new TestCamera(_pki.IssueDevice("cam-guide"));
        using var client = new TusClient(new Uri($"https://127.0.0.1:{server.EndPoint.Port}/"), _pki.Root, camera.Certificate);
        byte[] content = RandomNumberGenerator.GetBytes(500);

        HttpResponseMessage last = await client.UploadAsync(camera.Seal(content), content);

        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        string kept = Assert.Single(Directory.GetFiles(Path.Combine(_options.StorePath, EvidenceStore.IssuersFolder)));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_pki.DeviceCa.RawData)) + EvidenceStore.IssuerFileSuffix, Path.GetFileName(kept));
    }

    private static (int Exit, string Error) RunServe(string config)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (string arg in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "camagent.dll"), "serve", "--config", config })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            process.WaitForExit();
            Assert.Fail("camagent serve started instead of refusing the configuration");
        }

        return (process.ExitCode, error.Result);
    }
}
