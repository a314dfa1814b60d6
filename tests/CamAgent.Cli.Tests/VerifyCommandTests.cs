using System.Text.Json;
using CamAgent.Tests.Support;
using CamAgent.Verification.Tests;

namespace CamAgent.Cli.Tests;

/// <summary>`camagent verify` through the real executable: exit codes, text and JSON reports.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly TestPki _pki = new(withDeviceCa: true);
    private readonly TestDevice _device;
    private readonly TestStore _store;
    private readonly string _caFile;

    public VerifyCommandTests()
    {
        _device = new TestDevice(_pki, "cam-0042", ChainBuilder.ChunkSize);
        _store = new TestStore(_pki);
        new ChainBuilder(_device, _store, new Random(7)).Build(6, events: true);
        _caFile = Path.Combine(_store.Root, "agency-ca.pem");
        File.WriteAllText(_caFile, _pki.CaPem);
    }

    private static ExternalTool.Result Camagent(params string[] arguments)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var all = new List<string> { Path.Combine(AppContext.BaseDirectory, "camagent.dll") };
        all.AddRange(arguments);
        return ExternalTool.Run(host, all, AppContext.BaseDirectory);
    }

    [Fact]
    public void Returns_0_And_A_Valid_Verdict_For_An_Untouched_Store()
    {
        ExternalTool.Result result = Camagent("verify", "--store", _store.Root, "--ca", _caFile);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("VERDICT: VALID", result.Output);
        Assert.Contains("Device cam-0042", result.Output);
    }

    [Fact]
    public void Returns_1_And_Names_The_Sequence_When_Content_Was_Altered()
    {
        string segment = Directory.GetFiles(_store.DeviceFolder("cam-0042"), "*.segment").First(f => new FileInfo(f).Length > 0);
        byte[] bytes = File.ReadAllBytes(segment);
        bytes[0] ^= 0xFF;
        File.WriteAllBytes(segment, bytes);
        long sequence = long.Parse(Path.GetFileName(segment)[..20], System.Globalization.CultureInfo.InvariantCulture);

        ExternalTool.Result result = Camagent("verify", "--store", _store.Root, "--ca", _caFile, "--json");
        Assert.Equal(1, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Contains(json.RootElement.GetProperty("devices")[0].GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("kind").GetString() == "contentMismatch" && f.GetProperty("sequence").GetInt64() == sequence);
    }

    [Fact]
    public void Returns_2_When_The_Ca_Option_Is_Missing()
    {
        ExternalTool.Result result = Camagent("verify", "--store", _store.Root);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Option '--ca' is required", result.Error);
    }

    [Fact]
    public void Returns_3_When_The_Folder_Does_Not_Exist_Or_The_Ca_File_Is_Not_Pem()
    {
        Assert.Equal(3, Camagent("verify", "--store", Path.Combine(_store.Root, "nope"), "--ca", _caFile).ExitCode);
        string garbage = Path.Combine(_store.Root, "garbage.pem");
        File.WriteAllText(garbage, "not a certificate");
        ExternalTool.Result result = Camagent("verify", "--store", _store.Root, "--ca", garbage);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no PEM certificate", result.Error);
    }

    public void Dispose()
    {
        _store.Dispose();
        _device.Dispose();
        _pki.Dispose();
    }
}
