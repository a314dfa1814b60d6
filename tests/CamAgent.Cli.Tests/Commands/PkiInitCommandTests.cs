using System.Security.Cryptography.X509Certificates;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Tests.Commands;

public sealed class PkiInitCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void Creates_Every_Certificate_And_Key_With_Keys_Readable_Only_By_Owner()
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "pki", "init", "--pki", "pki", "--agency", "Example PD", "--host", "evidence.example.gov");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("receipt public key:", result.Output);
        Assert.Equal(
            new[]
            {
                "ca", "ca/bundle-signing.crt.pem", "ca/bundle-signing.key.pem", "ca/device-ca.crt.pem", "ca/device-ca.key.pem",
                "ca/root-ca.crt.pem", "ca/root-ca.key.pem", "devices", "pki.json", "revoked-serials.txt", "server",
                "server/receipt-signing.crt.pem", "server/receipt-signing.key.pem", "server/tls.crt.pem", "server/tls.key.pem",
            },
            TempFolder.Listing(temp.Combine("pki")));
        foreach (string key in Directory.EnumerateFiles(temp.Combine("pki"), "*.key.pem", SearchOption.AllDirectories))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        Assert.Equal(new[] { "pki" }, Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Server_Certificate_Chains_To_Root_With_ServerAuth_And_Host_Name()
    {
        Assert.Equal(ExitCodes.Ok, CamAgentProcess.Run(temp.Path, "pki", "init", "--pki", "pki", "--agency", "Example PD", "--host", "evidence.example.gov").ExitCode);
        var layout = new PkiLayout(temp.Combine("pki"));
        using X509Certificate2 root = X509Certificate2.CreateFromPem(File.ReadAllText(layout.RootCaCertificate));
        using X509Certificate2 server = X509Certificate2.CreateFromPem(File.ReadAllText(layout.ServerCertificate));

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));

        Assert.True(chain.Build(server), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.True(server.MatchesHostname("evidence.example.gov"));
    }

    [Fact]
    public void Refuses_A_Folder_That_Is_Not_Empty_And_Leaves_It_Untouched()
    {
        Directory.CreateDirectory(temp.Combine("pki"));
        File.WriteAllText(temp.Combine("pki", "notes.txt"), "keep me");

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "pki", "init", "--pki", "pki", "--agency", "Example PD", "--host", "evidence.example.gov");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Contains("not empty", result.Error);
        Assert.Equal(new[] { "notes.txt" }, TempFolder.Listing(temp.Combine("pki")));
        Assert.Equal(new[] { "pki", "pki/notes.txt" }, TempFolder.Listing(temp.Path));
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("*.example.gov")]
    [InlineData("evidence.example.gov:8443")]
    [InlineData("https://evidence.example.gov")]
    [InlineData("localhost")]
    [InlineData("Evidence.Example.Gov")]
    public void Refuses_A_Host_That_Is_Not_A_Plain_Dns_Name_And_Creates_Nothing(string host)
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "pki", "init", "--pki", "pki", "--agency", "Example PD", "--host", host);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("not a valid ingest host name", result.Error);
        Assert.Empty(TempFolder.Listing(temp.Path));
    }

    [Fact]
    public void Refuses_A_Passphrase_Variable_That_Is_Not_Set_And_Creates_Nothing()
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "pki", "init", "--pki", "pki", "--agency", "Example PD", "--host", "evidence.example.gov", "--passphrase-env", "CAMAGENT_TEST_UNSET_VARIABLE");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("CAMAGENT_TEST_UNSET_VARIABLE", result.Error);
        Assert.Empty(TempFolder.Listing(temp.Path));
    }

    [Fact]
    public void Refuses_An_Unknown_Option_So_No_Secret_Can_Be_Passed_On_The_Command_Line()
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "pki", "init", "--pki", "pki", "--agency", "Example PD", "--host", "evidence.example.gov", "--passphrase", "hunter2");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("unknown option '--passphrase'", result.Error);
        Assert.DoesNotContain("hunter2", result.Error + result.Output);
        Assert.Empty(TempFolder.Listing(temp.Path));
    }

    public void Dispose() => temp.Dispose();
}
