using System.Security.Cryptography.X509Certificates;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Tests.Commands;

public sealed class PkiServerCertAndRenewDueTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void Server_Cert_Replaces_The_Tls_Pair_With_A_New_Key_For_The_Same_Host()
    {
        var layout = new PkiLayout(temp.Combine("pki"));
        Assert.True(AgencyPki.Initialize(layout.Root, "Example PD", "evidence.example.gov", null, DateTimeOffset.UtcNow).Ok);
        string oldKey = File.ReadAllText(layout.ServerKey);

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "pki", "server-cert", "--pki", "pki");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using X509Certificate2 server = X509Certificate2.CreateFromPemFile(layout.ServerCertificate, layout.ServerKey);
        Assert.True(server.MatchesHostname("evidence.example.gov"));
        Assert.NotEqual(oldKey, File.ReadAllText(layout.ServerKey));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.ServerKey));
        Assert.Contains(server.SerialNumber, result.Output);
    }

    [Fact]
    public void Renew_Due_Renews_Only_Devices_In_Their_Renewal_Window()
    {
        DateTimeOffset past = DateTimeOffset.UtcNow.AddDays(-(PkiPolicy.DeviceCertLifetimeDays - 30));
        AgencyPki pki = AgencyPki.Initialize(temp.Combine("pki"), "Example PD", "evidence.example.gov", null, past).Value!;
        var registry = new DeviceRegistry(pki);
        Assert.True(registry.EnrolGenerated("cam-old", null, past).Ok);
        Assert.True(registry.EnrolGenerated("cam-new", null, DateTimeOffset.UtcNow).Ok);
        Assert.Equal(DeviceState.RenewDue, registry.Find("cam-old", DateTimeOffset.UtcNow).Value!.State);
        string newSerial = registry.Find("cam-new", DateTimeOffset.UtcNow).Value!.SerialHex;

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "renew", "--pki", "pki", "--due");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("1 device certificate(s) renewed.", result.Output);
        Assert.Equal(DeviceState.Active, registry.Find("cam-old", DateTimeOffset.UtcNow).Value!.State);
        Assert.Equal(newSerial, registry.Find("cam-new", DateTimeOffset.UtcNow).Value!.SerialHex);
        Assert.Single(Directory.EnumerateFiles(pki.Layout.DeviceHistoryFolder("cam-old")));
    }

    public void Dispose() => temp.Dispose();
}
