using System.Net;
using System.Security.Cryptography;
using CamAgent.Cli;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// `camagent verify` over a store the real server wrote: the audit log beside the records is
/// compared with them, so removing the newest record (which leaves the device chain looking
/// complete) is an error; and the agency root alone is enough, because the store keeps the
/// device-issuing CA (docs/evidence-format.md §7.1, §7.5).
/// </summary>
public sealed class StoreVerificationTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private IngestHarness _harness = null!;
    private string _root = "";
    private string _deviceCa = "";

    public async Task InitializeAsync()
    {
        _harness = await IngestHarness.StartAsync();
        _root = _temp.Combine("root-ca.crt.pem");
        File.WriteAllText(_root, _harness.Pki.Root.ExportCertificatePem());
        _deviceCa = _temp.Combine("device-ca.crt.pem");
        File.WriteAllText(_deviceCa, _harness.Pki.DeviceCa.ExportCertificatePem());
        TestCamera camera = _harness.NewCamera("cam-0007");
        TusClient client = _harness.ClientFor(camera);
        Assert.Equal(HttpStatusCode.Created, (await client.CreateAsync(camera.Seal(Array.Empty<byte>(), isSegment: false), 0)).StatusCode);
        for (int i = 0; i < 3; i++)
        {
            byte[] content = RandomNumberGenerator.GetBytes(1000 + i);
            Assert.Equal(HttpStatusCode.NoContent, (await client.UploadAsync(camera.Seal(content), content)).StatusCode);
        }
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public void The_Store_Verifies_With_The_Agency_Root_Alone()
    {
        (int exit, string output) = Run("verify", "--store", _harness.StorePath, "--ca", _root);

        Assert.True(exit == ExitCodes.Ok, output);
        Assert.Contains("VERDICT: VALID", output, StringComparison.Ordinal);
        Assert.Contains("Audit log:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_The_Newest_Record_Is_An_Error_Because_The_Audit_Log_Says_It_Was_Stored()
    {
        DeleteRecord(3);

        (int auditExit, _) = Run("audit", "verify", "--store", _harness.StorePath);
        (int exit, string output) = Run("verify", "--store", _harness.StorePath, "--ca", _root, "--ca", _deviceCa);

        Assert.Equal(ExitCodes.Ok, auditExit);
        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Contains("AuditedRecordMissing", output, StringComparison.Ordinal);
        Assert.Contains("but the store has no record for it", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Audit_Log_Kept_Elsewhere_Is_Compared_When_Named()
    {
        string copy = _temp.Combine("audit-copy.log");
        File.Move(Path.Combine(_harness.StorePath, "audit.log"), copy);
        File.Delete(StoredFile(3, ".receipt.cose"));

        (int without, string quiet) = Run("verify", "--store", _harness.StorePath, "--ca", _root);
        (int with, string output) = Run("verify", "--store", _harness.StorePath, "--ca", _root, "--audit-log", copy);

        Assert.Equal(ExitCodes.Ok, without);
        Assert.DoesNotContain("AuditedRecordMissing", quiet, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Invalid, with);
        Assert.Contains("but the store has no receipt for it", output, StringComparison.Ordinal);
    }

    private void DeleteRecord(int sequence)
    {
        foreach (string suffix in new[] { ".manifest.cose", ".segment", ".receipt.cose" })
        {
            File.Delete(StoredFile(sequence, suffix));
        }
    }

    private string StoredFile(int sequence, string suffix) =>
        Path.Combine(_harness.StorePath, "devices", "cam-0007", sequence.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + suffix);

    private static (int Exit, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        int exit = Program.Run(args, new CliContext(output, output, new StringReader("")));
        return (exit, output.ToString());
    }
}
