using System.Security.Cryptography.X509Certificates;
using CamAgent.Provisioning;
using CamAgent.Verification.Revocation;

namespace CamAgent.Cli.Tests.Commands;

public sealed class RevokeRenewDevicesTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly PkiLayout layout;

    public RevokeRenewDevicesTests()
    {
        layout = new PkiLayout(temp.Combine("pki"));
        AgencyPki pki = AgencyPki.Initialize(layout.Root, "Example PD", "evidence.example.gov", null, DateTimeOffset.UtcNow).Value!;
        var registry = new DeviceRegistry(pki);
        Assert.True(registry.EnrolGenerated("cam-0001", null, DateTimeOffset.UtcNow).Ok);
        Assert.True(registry.EnrolGenerated("cam-0002", null, DateTimeOffset.UtcNow).Ok);
    }

    [Fact]
    public void Revoke_Appends_The_Serial_The_Server_Reads_And_Devices_Shows_Revoked()
    {
        string serial = Serial("cam-0002");

        CamAgentProcess.Result revoke = CamAgentProcess.Run(temp.Path, "revoke", "--pki", "pki", "--device", "cam-0002", "--reason", "reported lost");
        CamAgentProcess.Result devices = CamAgentProcess.Run(temp.Path, "devices", "--pki", "pki");

        Assert.True(revoke.ExitCode == ExitCodes.Ok, revoke.ToString());
        string list = File.ReadAllText(layout.RevocationListFile);
        Assert.Contains(serial + "  # cam-0002 revoked ", list);
        Assert.Contains("reported lost", list);
        Assert.True(RevocationList.TryParse(list, out RevocationList parsed, out _));
        Assert.True(parsed.IsRevoked(serial));
        Assert.False(parsed.IsRevoked(Serial("cam-0001")));
        Assert.Equal(ExitCodes.Ok, devices.ExitCode);
        Assert.Matches(@"cam-0001\s+active", devices.Output);
        Assert.Matches(@"cam-0002\s+revoked", devices.Output);
    }

    [Fact]
    public void Revoke_Of_An_Unknown_Device_Is_Not_Found_And_Leaves_The_List_Unchanged()
    {
        string before = File.ReadAllText(layout.RevocationListFile);

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "revoke", "--pki", "pki", "--device", "cam-9999");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("No device 'cam-9999'", result.Error);
        Assert.Equal(before, File.ReadAllText(layout.RevocationListFile));
    }

    [Fact]
    public void Renew_Keeps_The_Key_And_A_Later_Revoke_Covers_Old_And_New_Serials()
    {
        string oldSerial = Serial("cam-0001");
        byte[] oldKey = PublicKeyOf("cam-0001");

        CamAgentProcess.Result renew = CamAgentProcess.Run(temp.Path, "renew", "--pki", "pki", "--device", "cam-0001");
        string newSerial = Serial("cam-0001");
        CamAgentProcess.Result revoke = CamAgentProcess.Run(temp.Path, "revoke", "--pki", "pki", "--device", "cam-0001");

        Assert.True(renew.ExitCode == ExitCodes.Ok, renew.ToString());
        Assert.NotEqual(oldSerial, newSerial);
        Assert.Equal(oldKey, PublicKeyOf("cam-0001"));
        Assert.Equal(ExitCodes.Ok, revoke.ExitCode);
        Assert.True(RevocationListFile.Load(layout.RevocationListFile).Value!.IsRevoked(oldSerial));
        Assert.True(RevocationListFile.Load(layout.RevocationListFile).Value!.IsRevoked(newSerial));
    }

    [Fact]
    public void Renew_Refuses_A_Revoked_Device_And_Issues_Nothing()
    {
        Assert.Equal(ExitCodes.Ok, CamAgentProcess.Run(temp.Path, "revoke", "--pki", "pki", "--device", "cam-0002").ExitCode);
        string[] before = TempFolder.Listing(layout.Root);

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "renew", "--pki", "pki", "--device", "cam-0002");

        Assert.Equal(ExitCodes.CredentialError, result.ExitCode);
        Assert.Contains("revoked", result.Error);
        Assert.Equal(before, TempFolder.Listing(layout.Root));
    }

    [Fact]
    public void Devices_As_Json_Lists_Every_Device_With_State_And_Expiry()
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "devices", "--pki", "pki", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal("cam-0001", json.RootElement[0].GetProperty("deviceId").GetString());
        Assert.Equal("active", json.RootElement[0].GetProperty("state").GetString());
        Assert.Equal(Serial("cam-0001"), json.RootElement[0].GetProperty("serial").GetString());
    }

    [Fact]
    public void Devices_On_A_Folder_That_Is_Not_A_Pki_Is_Bad_Input()
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "devices", "--pki", temp.Combine("nowhere"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("not a CamAgent PKI folder", result.Error);
        Assert.False(Directory.Exists(temp.Combine("nowhere")));
    }

    private string Serial(string deviceId)
    {
        using X509Certificate2 certificate = X509Certificate2.CreateFromPem(File.ReadAllText(layout.DeviceCertificate(deviceId)));
        return certificate.SerialNumber;
    }

    private byte[] PublicKeyOf(string deviceId)
    {
        using X509Certificate2 certificate = X509Certificate2.CreateFromPem(File.ReadAllText(layout.DeviceCertificate(deviceId)));
        return certificate.PublicKey.ExportSubjectPublicKeyInfo();
    }

    public void Dispose() => temp.Dispose();
}
