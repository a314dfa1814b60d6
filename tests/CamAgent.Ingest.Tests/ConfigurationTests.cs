using System.Diagnostics;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>Configuration files and `camagent serve` refusing unsafe or malformed setups.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly IngestOptions _options;

    public ConfigurationTests()
    {
        _options = new TestPki().WriteServerFiles(_temp.Combine("config"), _temp.Combine("store"));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Loads_A_Configuration_File_With_Relative_Paths_Resolved_Against_It()
    {
        string path = _temp.Combine("config", "ingest.json");
        File.WriteAllText(path, """
            // the agency's ingest server
            { "port": 8443, "storePath": "../store", "serverCertificatePath": "tls.crt.pem", "serverKeyPath": "tls.key.pem",
              "deviceCaPath": "device-ca.crt.pem", "receiptCertificatePath": "receipt.crt.pem", "receiptKeyPath": "receipt.key.pem",
              "limits": { "maxOpenUploadsPerDevice": 3 }, }
            """);

        IngestOptions loaded = IngestOptionsFile.Load(path);

        Assert.Equal(8443, loaded.Port);
        Assert.Equal(_temp.Combine("store"), loaded.StorePath);
        Assert.Equal(_options.ServerKeyPath, loaded.ServerKeyPath);
        Assert.Equal(3, loaded.Limits.MaxOpenUploadsPerDevice);
    }

    [Fact]
    public void Refuses_A_Configuration_File_With_An_Unknown_Setting()
    {
        string path = _temp.Combine("config", "typo.json");
        File.WriteAllText(path, """{ "storePath": "s", "limits": { "maxOpenUploadPerDevice": 3 } }""");

        var error = Assert.Throws<IngestConfigurationException>(() => IngestOptionsFile.Load(path));

        Assert.Contains("maxOpenUploadPerDevice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_To_Start_With_A_Key_File_Other_Users_Can_Read()
    {
        File.SetUnixFileMode(_options.ReceiptKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = await Assert.ThrowsAsync<IngestConfigurationException>(() => IngestServer.StartAsync(_options));

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_options.StorePath));
    }

    [Fact]
    public void Serve_Exits_3_Naming_The_Problem_When_The_Receipt_Key_Does_Not_Match_Its_Certificate()
    {
        File.WriteAllText(_options.ReceiptCertificatePath, File.ReadAllText(_options.ServerCertificatePath));
        string config = ServerProcess.WriteConfig(_options, _temp.Combine("config", "ingest.json"));
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
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(3, process.ExitCode);
        Assert.Contains("does not certify the key", error, StringComparison.Ordinal);
    }
}
