using System.Net;
using System.Net.Sockets;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Tests.Commands;

/// <summary>`camagent serve` refuses what it cannot run with one sentence: no stack trace, no .NET type names.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void A_Port_In_Use_Is_One_Line_And_Exit_6()
    {
        Assert.True(AgencyPki.Initialize(temp.Combine("pki"), "Example PD", "evidence.example.gov", null, DateTimeOffset.UtcNow).Ok);
        using var occupier = new TcpListener(IPAddress.Loopback, 0);
        occupier.Start();
        string port = ((IPEndPoint)occupier.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "serve", "--pki", "pki", "--store", "store", "--listen", "127.0.0.1", "--port", port);

        Assert.Equal(ExitCodes.StepFailed, result.ExitCode);
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.ToString());
        Assert.StartsWith("camagent serve: cannot start:", lines[0]);
        Assert.Contains("in use", lines[0]);
    }

    [Fact]
    public void An_Unknown_Configuration_Property_Is_Named_Without_A_Type_Name()
    {
        File.WriteAllText(temp.Combine("ingest.json"), "{\n  \"storePath\": \"store\",\n  \"listenPort\": 443\n}\n");

        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "serve", "--config", "ingest.json");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("unknown property 'listenPort' (line 3)", result.Error);
        Assert.DoesNotContain("CamAgent.Ingest", result.Error);
        Assert.DoesNotContain("System.", result.Error);
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--port", "https")]
    public void A_Port_That_Is_Not_A_Tcp_Port_Is_A_Usage_Error(string option, string value)
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "serve", "--pki", "pki", "--store", "store", option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--port needs a whole number from 1 to 65535", result.Error);
    }

    public void Dispose() => temp.Dispose();
}
