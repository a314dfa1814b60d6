using System.Diagnostics;
using CamAgent.Core.Board;
using CamAgent.Provisioning.Boards;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Tests.Bundles;

/// <summary>
/// Bundles verify with cose-js and their payload is canonical CBOR per the `cbor` package
/// (tests/interop, independent of Core). Node is required: CI installs it.
/// </summary>
public sealed class BundleCoseJsTests : IDisposable
{
    private const int PayloadEntries = 6;
    private readonly TempFolder temp = new();

    [Fact]
    public void A_Bundle_Verifies_With_Cose_Js_And_A_Tampered_One_Does_Not()
    {
        string interop = InteropFolder();
        if (!Directory.Exists(Path.Combine(interop, "node_modules", "cose-js")))
        {
            Assert.Equal(0, Node(interop, "npm", "ci", "--no-audit", "--no-fund").ExitCode);
        }

        AgencyPki pki = AgencyPki.Initialize(temp.Combine("pki"), "Example PD", "evidence.example.gov", null, DateTimeOffset.UtcNow).Value!;
        Assert.True(new DeviceRegistry(pki).EnrolGenerated("cam-0001", null, DateTimeOffset.UtcNow).Ok);
        BoardValidation board = new BoardCatalog(Path.Combine(AppContext.BaseDirectory, "boards")).Load("esp32-wroom-32se-devkit").Value!;
        byte[] bundle = new CamAgent.Provisioning.Bundles.BundleFactory(pki).Create("cam-0001", board, new("PD Fleet", null, 4096), null, DateTimeOffset.UtcNow).Value!;
        File.WriteAllBytes(temp.Combine("good.cose"), bundle);
        byte[] tampered = (byte[])bundle.Clone();
        tampered[^80] ^= 0x01;
        File.WriteAllBytes(temp.Combine("tampered.cose"), tampered);
        string signerKey = Convert.ToHexStringLower(pki.BundleSignerPublicKey().Value!);

        (int good, string goodOutput) = Node(interop, "node", "verify-cose.js", signerKey, temp.Combine("good.cose"));
        (int bad, string badOutput) = Node(interop, "node", "verify-cose.js", signerKey, temp.Combine("tampered.cose"));

        Assert.True(good == 0, goodOutput);
        Assert.EndsWith($" {PayloadEntries}", goodOutput.Trim());
        Assert.Equal(1, bad);
        Assert.StartsWith("FAIL", badOutput.Trim());
    }

    private static string InteropFolder()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, "verify-cose.js")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/interop not found above " + AppContext.BaseDirectory);
    }

    private static (int ExitCode, string Output) Node(string folder, string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    public void Dispose() => temp.Dispose();
}
